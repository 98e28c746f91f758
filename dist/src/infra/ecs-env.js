import { address, literalOf } from './infra-model.js';
function items(value) {
    return value?.kind === 'list' ? value.items : [];
}
/** The containers of every task definition whose definitions are known (jsonencode or JSON). */
function containers(model) {
    const out = [];
    for (const task of model.resources.filter((r) => r.resourceType === 'aws_ecs_task_definition')) {
        for (const c of items(task.attributes.get('container_definitions'))) {
            if (c.kind !== 'object')
                continue;
            const name = literalOf(c.entries.get('name'));
            out.push({ label: `${address(task)} (container ${JSON.stringify(String(name ?? '?'))})`, file: task.origin.file, environment: items(c.entries.get('environment')), secrets: items(c.entries.get('secrets')) });
        }
    }
    return out;
}
function nameOf(pair) {
    const name = pair.kind === 'object' ? literalOf(pair.entries.get('name')) : undefined;
    return typeof name === 'string' && name !== '' ? name : undefined;
}
function environmentOf(c) {
    const env = { source: c.label, file: c.file, values: new Map(), secrets: [], unknown: [] };
    for (const pair of c.environment) {
        const name = nameOf(pair);
        if (!name || pair.kind !== 'object')
            continue;
        const value = literalOf(pair.entries.get('value'));
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
            env.values.set(name, String(value));
        else
            env.unknown.push(name);
    }
    for (const pair of c.secrets) {
        const name = nameOf(pair);
        if (name)
            env.secrets.push(name);
    }
    return env;
}
const DJANGO_VARIABLE = /^(DJANGO_|SECRET_KEY$|DATABASE_URL$|ALLOWED_HOSTS$)/;
/**
 * The environment of the one container that runs Django: the only container with environment
 * variables, or the only one naming Django's (DJANGO_*, SECRET_KEY, DATABASE_URL). Several such
 * containers count as one when their environments are the same (web and worker of one image).
 * Undefined when there is none, or which one deploys is not known.
 */
export function taskEnvironment(model) {
    if (!model)
        return undefined;
    const all = containers(model).filter((c) => c.environment.length > 0 || c.secrets.length > 0).map(environmentOf);
    const names = (e) => [...e.values.keys(), ...e.secrets, ...e.unknown];
    const django = all.length === 1 ? all : all.filter((e) => names(e).some((n) => DJANGO_VARIABLE.test(n)));
    const distinct = new Set(django.map((e) => JSON.stringify([[...e.values].sort(), [...e.secrets].sort(), [...e.unknown].sort()])));
    if (django.length === 0 || distinct.size !== 1)
        return undefined;
    const [first] = django;
    return { ...first, source: django.map((e) => e.source).join(', ') };
}
/** The deployed values with the task's environment beneath them, and the run's note saying so. */
export function withTaskEnvironment(deployed, model) {
    const task = taskEnvironment(model);
    if (!task || (task.values.size === 0 && task.secrets.length === 0))
        return { deployed };
    const merged = new Map([...task.values, ...(deployed ?? [])]);
    const used = [...task.values.keys()].filter((k) => !deployed?.has(k));
    // Messages name where such a value came from ("DJANGO_DEBUG from <task>"), not --env.
    const from = task.source.replace(/ \(container ("[^"]*")\)/g, ', container $1');
    const deployedFrom = new Map(used.map((k) => [k, from]));
    const parts = [`settings judged with the environment of ${task.source}: ${used.length > 0 ? used.join(', ') : 'no variable'} as deployed`];
    if (task.secrets.length > 0)
        parts.push(`${task.secrets.join(', ')} fetched at run time (secrets), left unset`);
    if (task.unknown.length > 0)
        parts.push(`${task.unknown.join(', ')} not literal, left unset`);
    return { deployed: merged, deployedFrom, note: { file: task.file, message: parts.join('; ') } };
}
