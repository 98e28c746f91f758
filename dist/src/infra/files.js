// Which files are infrastructure: names only, so discovery can sort files without loading a parser.
import { basename } from 'node:path';
export function isTerraformName(name) {
    return name.endsWith('.tf');
}
/** Dockerfile, Dockerfile.prod, Containerfile, app.Dockerfile. */
export function isDockerfileName(name) {
    return /^(Dockerfile|Containerfile)([._-]|$)/.test(name) || /\.[Dd]ockerfile$/.test(name);
}
/** Whether discovery hands this file to the infrastructure model. */
export function isInfraFile(absPath) {
    const name = basename(absPath);
    return isTerraformName(name) || isDockerfileName(name);
}
