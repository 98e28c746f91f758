// Deployment evidence: which settings module the project's own files name. Dockerfiles, compose
// files, PaaS and Kubernetes manifests, wsgi.py/asgi.py/manage.py defaults, pytest and CI configs
// set DJANGO_SETTINGS_MODULE (or pass --settings=, or set DJANGO_CONFIGURATION for
// django-configurations). They are read as bounded text, never run, never through a symlink.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
export const MAX_EVIDENCE_BYTES = 256 * 1024;
const CI_FILES = new Set(['.gitlab-ci.yml', '.travis.yml', 'Jenkinsfile', 'bitbucket-pipelines.yml']);
const TEST_FILES = new Set(['pytest.ini', 'setup.cfg', 'tox.ini', 'pyproject.toml', 'conftest.py']);
const DEPLOY_FILES = new Set(['Procfile', 'app.yaml', 'fly.toml', 'render.yaml', 'app.json', 'serverless.yml', 'zappa_settings.json', 'Containerfile']);
const MANIFEST_PLACE = /(^|[/\\._-])(k8s|kube|kubernetes|helm|charts?|deploy|deployment|manifests?|openshift|kustomize|argocd)([/\\._-]|$)/i;
/** The kind a file's evidence has by the file's name and place, or undefined when it is no evidence file. */
export function evidenceFileKind(absPath) {
    const name = basename(absPath);
    const dirs = dirname(absPath).split(sep);
    const parent = dirs[dirs.length - 1];
    if (name === 'wsgi.py' || name === 'asgi.py')
        return 'wsgi';
    if (name === 'manage.py')
        return 'manage';
    if (TEST_FILES.has(name))
        return 'test';
    if (parent === 'workflows' && dirs[dirs.length - 2] === '.github' && /\.ya?ml$/.test(name)) {
        // A deployment workflow (deploy.yml, release.yml) sets what deploys, not what the tests use.
        return /(^|[._-])(deploy|deployment|release|publish|cd|prod|production)([._-]|$)/i.test(name) ? 'deploy' : 'ci';
    }
    if (CI_FILES.has(name))
        return 'ci';
    if (parent === '.circleci' && name === 'config.yml')
        return 'ci';
    const devName = (n) => /(^|[._-])(dev|develop|development|local|test|tests|testing|ci|override)([._-]|$)/i.test(n);
    if (/^(Dockerfile|Containerfile)/.test(name) || /\.(Dockerfile|dockerfile)$/.test(name))
        return devName(name) ? 'dev' : 'deploy';
    if (/^(docker-)?compose.*\.ya?ml$/.test(name))
        return devName(name.replace(/^docker-compose|^compose/, '')) ? 'dev' : 'deploy';
    if (DEPLOY_FILES.has(name))
        return 'deploy';
    if ((parent === '.ebextensions' && name.endsWith('.config')) || (parent === '.do' && /\.ya?ml$/.test(name)))
        return 'deploy';
    if (name.endsWith('.service') || /^gunicorn.*\.(py|conf)$/.test(name) || /^uwsgi.*\.(ini|ya?ml)$/.test(name))
        return devName(name) ? 'dev' : 'deploy';
    // Kubernetes/Helm manifests: other YAML in a deployment folder (or named like one) that sets the
    // variable; not every YAML of a repository (translations, fixtures) is read.
    if (/\.ya?ml$/.test(name) && MANIFEST_PLACE.test(absPath))
        return devName(name) ? 'dev' : 'deploy';
    return undefined;
}
// One buffer for every read (a repository may hold many YAML files).
let readBuffer;
/** Reads a regular file's head without following a symlink; undefined when it is not one. */
export function readBounded(absPath) {
    let fd;
    try {
        fd = openSync(absPath, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0));
        if (!fstatSync(fd).isFile())
            return undefined;
        const buffer = (readBuffer ??= Buffer.allocUnsafe(MAX_EVIDENCE_BYTES));
        const n = readSync(fd, buffer, 0, MAX_EVIDENCE_BYTES, 0);
        return buffer.toString('utf8', 0, n);
    }
    catch {
        return undefined;
    }
    finally {
        if (fd !== undefined)
            closeSync(fd);
    }
}
const VARS = ['DJANGO_SETTINGS_MODULE', 'DJANGO_CONFIGURATION'];
const VALUE = String.raw `["']?(\$\{[^}]*\}|[\w.]+)["']?`;
// KEY=value, KEY: value, KEY = "value", "KEY": "value", ENV KEY value, setdefault("KEY", "value").
const ASSIGN = (v) => new RegExp(String.raw `["']?\b${v}["']?\]?\s*[=:,]\s*${VALUE}`, 'g');
const DOCKER_ENV = (v) => new RegExp(String.raw `^\s*ENV\s+${v}\s+${VALUE}`);
const SETTINGS_FLAG = new RegExp(String.raw `(?:--settings|--ds)(?:=|\s+)${VALUE}`, 'g');
// Kubernetes `- name: DJANGO_SETTINGS_MODULE` then `value: ...`; app.json `"KEY": {"value": ...}`.
const NAME_ONLY = (v) => new RegExp(String.raw `(?:(?:name|key):\s*["']?${v}["']?\s*$|["']${v}["']\s*:\s*\{)`);
const VALUE_LINE = new RegExp(String.raw `["']?value["']?\s*:\s*${VALUE}`);
/** `${X:-default}` and Dockerfile `${X}` with an ARG default; a bare `$X` names nothing. */
function expand(raw, args) {
    const m = /^\$\{(\w+)(?::?-([^}]*))?\}$/.exec(raw);
    const value = m ? (m[2] ?? args.get(m[1])) : raw;
    if (!value || !/^[A-Za-z_][\w.]*$/.test(value) || value.endsWith('.'))
        return undefined;
    return value;
}
/** The evidence in one file's text (exported for tests). */
export function evidenceInText(absPath, text, fileKind) {
    const out = [];
    const lines = text.split(/\r\n|\r|\n/);
    const isDockerfile = /^(Dockerfile|Containerfile)|\.[Dd]ockerfile$/.test(basename(absPath));
    const isCompose = /^(docker-)?compose.*\.ya?ml$/.test(basename(absPath));
    const args = new Map();
    let service;
    let servicesIndent = -1;
    let continued = false;
    let dockerInstruction = '';
    const runserverServices = new Set();
    const serviceOf = new Map();
    lines.forEach((text, index) => {
        const line = index + 1;
        const before = out.length;
        let kind = fileKind;
        if (isDockerfile) {
            if (!continued)
                dockerInstruction = (/^\s*([A-Za-z]+)\s/.exec(text)?.[1] ?? '').toUpperCase();
            continued = /\\\s*$/.test(text);
            const arg = /^\s*ARG\s+(\w+)=["']?([\w.]+)["']?/.exec(text);
            if (arg)
                args.set(arg[1], arg[2]);
            // A RUN step sets the variable for the build only (collectstatic, compilemessages).
            if (dockerInstruction === 'RUN')
                kind = 'build';
        }
        if (isCompose) {
            const indent = /^(\s*)/.exec(text)[1].length;
            if (/^services:\s*$/.test(text))
                servicesIndent = 0;
            else if (servicesIndent >= 0 && /^\S/.test(text) && text.trim() !== '')
                servicesIndent = -1;
            else if (servicesIndent >= 0 && /^\s+[\w.-]+:\s*$/.test(text) && (service === undefined || indent <= service.indent)) {
                service = { name: text.trim().slice(0, -1), indent };
            }
            if (service && kind === 'deploy' && /(^|[._-])(dev|develop|development|local|test|tests|testing|ci)([._-]|$)/i.test(service.name))
                kind = 'dev';
            // Django's development server is never how a service deploys (compose is mostly local development).
            if (service && /\brunserver\b/.test(text) && !/^\s*#/.test(text))
                runserverServices.add(service.name);
        }
        if (/^\s*(#|\/\/)/.test(text))
            return;
        const add = (variable, raw, at = line) => {
            const value = expand(raw, args);
            if (!value)
                return;
            out.push(variable === 'DJANGO_SETTINGS_MODULE' ? { file: absPath, line: at, kind, module: value } : { file: absPath, line: at, kind, configuration: value });
        };
        for (const variable of VARS) {
            for (const m of text.matchAll(ASSIGN(variable)))
                add(variable, m[1]);
            const env = isDockerfile ? DOCKER_ENV(variable).exec(text) : null;
            if (env)
                add(variable, env[1]);
            if (NAME_ONLY(variable).test(text)) {
                const offset = lines.slice(index + 1, index + 4).findIndex((l) => VALUE_LINE.test(l));
                if (offset >= 0)
                    add(variable, VALUE_LINE.exec(lines[index + 1 + offset])[1], line + 1 + offset);
            }
        }
        for (const m of text.matchAll(SETTINGS_FLAG))
            add('DJANGO_SETTINGS_MODULE', m[1]);
        if (isCompose && service)
            for (let i = before; i < out.length; i++)
                serviceOf.set(out[i], service.name);
    });
    // A compose service that runs `manage.py runserver`, or that names a module with a development
    // name (settings.dev, settings.local), is a developer's environment, not a deployment.
    if (isCompose) {
        for (const e of out) {
            const name = serviceOf.get(e);
            const devModule = e.module !== undefined && DEV_MODULE.test(e.module.split('.').pop() ?? '');
            if (e.kind === 'deploy' && ((name !== undefined && runserverServices.has(name)) || devModule))
                e.kind = 'dev';
        }
    }
    return out;
}
const DEV_MODULE = /(^|[_-])(dev|develop|development|local|test|tests|testing|ci)([_-]|$)/i;
/** Every piece of evidence in the given files (each read once, bounded, as text). */
export function readDeploymentEvidence(files) {
    const out = [];
    for (const file of files) {
        const kind = evidenceFileKind(file);
        if (!kind)
            continue;
        const text = readBounded(file);
        if (text === undefined || !/DJANGO_SETTINGS_MODULE|DJANGO_CONFIGURATION|--settings|--ds\b/.test(text))
            continue;
        out.push(...evidenceInText(file, text, kind));
    }
    return out;
}
/**
 * The candidate files a dotted module name may be: each candidate whose path ends with the name
 * (`config.settings.production` → …/config/settings/production.py or …/production/__init__.py).
 * Several matches (a monorepo) narrow to those nearest the evidence file. None: undefined.
 */
export function resolveEvidenceModule(evidence, candidates) {
    if (!evidence.module)
        return [];
    const parts = evidence.module.split('.');
    const matches = candidates.filter((c) => {
        const path = c.endsWith(`${sep}__init__.py`) ? dirname(c) : c.replace(/\.py$/, '');
        return path.endsWith(sep + join(...parts));
    });
    if (matches.length <= 1)
        return matches;
    const shared = (c) => {
        const a = c.split(sep);
        const b = evidence.file.split(sep);
        let i = 0;
        while (i < a.length && i < b.length && a[i] === b[i])
            i++;
        return i;
    };
    const best = Math.max(...matches.map(shared));
    return matches.filter((c) => shared(c) === best);
}
