// Reads a run's infrastructure files into one InfraModel. Each file is read like a settings module
// (size cap, regular files only, symlinks not followed, binary refused); the HCL grammar is loaded
// only when there is a .tf file to parse.
import { basename, dirname } from 'node:path';
import { readSource } from '../model/source.js';
import { readDockerfile } from './dockerfile.js';
import { isTerraformName } from './files.js';
import { getHclParser, readTfFile, resolveResources } from './terraform.js';
/** `overrides`: in-memory contents by absolute path (tests), read instead of the file. */
export async function loadInfra(files, display, maxBytes, overrides) {
    const load = { model: { resources: [], dockerfiles: [] }, sources: new Map(), errors: [], skipped: [] };
    const terraform = [];
    for (const abs of files) {
        const file = display(abs);
        const override = overrides?.get(abs);
        const source = override !== undefined ? { ok: true, text: override } : readSource(abs, maxBytes);
        if (!source.ok) {
            if (source.severity === 'error')
                load.errors.push({ file, message: source.message });
            else
                load.skipped.push({ file, reason: source.message });
            continue;
        }
        load.sources.set(file, source.text);
        if (isTerraformName(basename(abs)))
            terraform.push({ file, abs, text: source.text });
        else
            load.model.dockerfiles.push(readDockerfile(file, source.text));
    }
    if (terraform.length > 0) {
        const parser = await getHclParser();
        const parsed = terraform.map((t) => readTfFile(parser, t.file, t.text));
        const folders = new Map(terraform.map((t) => [t.file, dirname(t.abs)]));
        const { resources, data } = resolveResources(parsed, (file) => folders.get(file) ?? '');
        load.model.resources = resources;
        if (data.length > 0)
            load.model.data = data;
    }
    return load;
}
