// Which files are infrastructure: names first, so discovery can sort files without loading a
// parser; CloudFormation templates also need a cheap look at their text (looksLikeTemplate), since
// *.yaml and *.json hold much else (CI workflows, compose files, OpenAPI specs, data fixtures).
import { basename, sep } from 'node:path';
export function isTerraformName(name) {
    return name.endsWith('.tf');
}
/** Dockerfile, Dockerfile.prod, Containerfile, app.Dockerfile. */
export function isDockerfileName(name) {
    return /^(Dockerfile|Containerfile)([._-]|$)/.test(name) || /\.[Dd]ockerfile$/.test(name);
}
/** Whether discovery hands this file to the infrastructure model by its name alone. */
export function isInfraFile(absPath) {
    const name = basename(absPath);
    return isTerraformName(name) || isDockerfileName(name);
}
const TEMPLATE_EXTENSION = /\.(ya?ml|json|template)$/i;
// Configuration that is never a template, named by tools that own the name.
const NOT_TEMPLATE = /^(package(-lock)?\.json|composer\.json|tsconfig([.-][\w.-]*)?\.json|jsconfig\.json|\.eslintrc\.json|renovate\.json|\.?(docker-)?compose([.-][\w.-]*)?\.ya?ml|\.pre-commit-(config|hooks)\.ya?ml|\.gitlab-ci\.ya?ml|\.travis\.ya?ml|mkdocs\.ya?ml|\.readthedocs\.ya?ml|codecov\.ya?ml|\.codecov\.ya?ml|dependabot\.ya?ml|serverless\.ya?ml|fixture\.json)$/i;
// CI folders: workflow files mention AWS but declare no stack.
const NOT_TEMPLATE_FOLDER = /(^|[\\/])(\.github|\.circleci|\.gitlab)[\\/]/;
/** A name a CloudFormation/SAM template may have; looksLikeTemplate decides on the text. */
export function isTemplateName(absPath) {
    const name = basename(absPath);
    if (!TEMPLATE_EXTENSION.test(name) || NOT_TEMPLATE.test(name))
        return false;
    return !NOT_TEMPLATE_FOLDER.test(absPath.split(sep).join('/'));
}
// Leading blanks are [ \t]*, never \s*: a \s* after ^ would cross newlines and make a head of
// blank lines quadratic.
const VERSION_KEY = /(^|[{,])[ \t]*["']?AWSTemplateFormatVersion["']?[ \t]*:/m;
// SAM's transform, in its string or list form.
const SAM_TRANSFORM = /AWS::Serverless-2016-10-31/;
// A top-level Resources key: at column 0 in YAML, `"Resources": {` in JSON (anywhere).
const RESOURCES_KEY = /^Resources[ \t]*:|(^|[{,])[ \t]*"Resources"[ \t]*:\s*\{/m;
const AWS_TYPE = /^[ \t]*(-[ \t]+)?Type[ \t]*:[ \t]*["']?AWS::[A-Za-z0-9]+::[A-Za-z0-9]+|"Type"[ \t]*:[ \t]*"AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/m;
/**
 * Whether a text's head reads like a CloudFormation or SAM template: the version key, SAM's
 * transform, or a top-level Resources whose entries have `Type: AWS::...`. Nothing is parsed.
 */
export function looksLikeTemplate(head) {
    if (VERSION_KEY.test(head))
        return true;
    if (!RESOURCES_KEY.test(head))
        return false;
    return SAM_TRANSFORM.test(head) || AWS_TYPE.test(head);
}
