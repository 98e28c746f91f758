const COMMAND = { error: 'error', warning: 'warning', note: 'notice' };
export function escapeData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
export function escapeProperty(text) {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
export function formatGithub(result, options) {
    const lines = result.findings.map((f) => {
        const props = [
            `file=${escapeProperty(options.repoPath(f.file))}`,
            `line=${f.line}`,
            `col=${f.column}`,
            `endLine=${f.endLine}`,
            `endColumn=${f.endColumn}`,
            `title=${escapeProperty(`${f.code} ${f.name}`)}`,
        ];
        return `::${COMMAND[f.level]} ${props.join(',')}::${escapeData(f.message)}`;
    });
    return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
