import { namedChildren, originOf } from './syntax.js';
import { isConcrete, known, unknown } from './values.js';
const SETTING_NAME = /^[A-Z][A-Z0-9_]*$/;
const CONFIGURATION_BASES = new Set(['configurations.Configuration', 'configurations.base.Configuration', 'configurations.Settings', 'configurations.base.Settings']);
const SETUP_METHODS = new Set(['setup', 'pre_setup', 'post_setup', '__init__']);
/** A method resolution order longer than this is not a settings class (its settings are unknown). */
const MAX_MRO = 200;
/** A `class Name(bases): body` statement as a class value. */
export function buildClass(stmt, ctx) {
    const name = stmt.childForFieldName('name')?.text ?? '';
    const origin = originOf(stmt, ctx.file);
    const bases = [];
    const superclasses = stmt.childForFieldName('superclasses');
    for (const arg of superclasses ? namedChildren(superclasses) : []) {
        if (arg.type === 'keyword_argument' || arg.type === 'comment')
            continue; // metaclass=...
        bases.push(arg.type === 'list_splat' || arg.type === 'dictionary_splat' ? unknown('computed bases', originOf(arg, ctx.file)) : ctx.evaluate(arg));
    }
    const body = stmt.childForFieldName('body');
    const statements = body ? namedChildren(body) : [];
    const state = ctx.runBody(statements);
    const attrs = new Map();
    const assignedAt = new Map();
    for (const [key, value] of state.ns)
        attrs.set(key, value);
    for (const [key, at] of state.assignedAt)
        assignedAt.set(key, at);
    let dynamic = state.poisoned ? 'the class body writes its namespace dynamically' : undefined;
    for (const member of statements) {
        const def = member.type === 'decorated_definition' ? member.childForFieldName('definition') : member;
        if (def?.type !== 'function_definition')
            continue;
        const method = def.childForFieldName('name')?.text ?? '';
        const at = originOf(member, ctx.file);
        if (SETTING_NAME.test(method)) {
            // A @property, or an uppercase method the importer calls: computed when the settings load.
            const how = member.type === 'decorated_definition' ? 'a @property' : `the method ${method}()`;
            attrs.set(method, unknown(`computed by ${how} when the settings load`, at));
            assignedAt.set(method, at);
        }
        else if (SETUP_METHODS.has(method)) {
            const written = settingsWrittenBy(def);
            for (const setting of written.names) {
                attrs.set(setting, unknown(`set by ${name}.${method}() when the settings load`, at));
                assignedAt.set(setting, at);
            }
            if (written.dynamic)
                dynamic ??= `${name}.${method}() writes settings dynamically`;
        }
    }
    const cls = { t: 'class', name, module: ctx.absPath, origin, bases, attrs, assignedAt, configuration: false, ...(dynamic ? { dynamic } : {}) };
    // Bases exist before their subclasses: what depends on the hierarchy is computed once, here.
    cls.mro = c3(cls);
    cls.configuration = bases.some((b) => CONFIGURATION_BASES.has(refName(b) ?? '') || asClass(b)?.configuration === true);
    const unknownBase = firstUnknownBase(cls);
    if (unknownBase)
        cls.unknownBase = unknownBase;
    return known(cls, origin);
}
/** Uppercase attributes a setup method assigns (`cls.X = ...`), and whether it also writes names we cannot see. */
function settingsWrittenBy(def) {
    const names = new Set();
    let dynamic = false;
    const stack = [def.childForFieldName('body')];
    while (stack.length > 0) {
        const node = stack.pop();
        if (!node)
            continue;
        if (node.type === 'assignment' || node.type === 'augmented_assignment') {
            const left = node.childForFieldName('left');
            const attr = left?.type === 'attribute' ? left.childForFieldName('attribute')?.text : undefined;
            if (attr && SETTING_NAME.test(attr))
                names.add(attr);
        }
        else if (node.type === 'call') {
            const fn = node.childForFieldName('function')?.text ?? '';
            if (/^(setattr|globals|locals|vars|exec)$|\.update$/.test(fn))
                dynamic = true;
        }
        stack.push(...namedChildren(node));
    }
    return { names, dynamic };
}
export function asClass(v) {
    return v && isConcrete(v) && typeof v.py === 'object' && v.py !== null && v.py.t === 'class' ? v.py : undefined;
}
function refName(v) {
    return isConcrete(v) && typeof v.py === 'object' && v.py !== null && v.py.t === 'ref' ? v.py.qname : undefined;
}
/** True when the class derives from django-configurations' Configuration. */
export function isConfigurationClass(cls) {
    return cls.configuration;
}
/** Python's C3 method resolution order, or undefined when the bases cannot be ordered. */
export function methodResolutionOrder(cls) {
    return cls.mro;
}
/**
 * C3 linearization from the bases' own orders. Bases that are not classes we read are left out
 * (see firstUnknownBase); an order longer than MAX_MRO is not a settings class (undefined).
 */
function c3(cls) {
    const parents = cls.bases.map(asClass).filter((b) => b !== undefined);
    const sequences = [];
    for (const p of parents) {
        if (!p.mro)
            return undefined;
        sequences.push([...p.mro]);
    }
    sequences.push(parents);
    const out = [cls];
    for (;;) {
        const rest = sequences.filter((s) => s.length > 0);
        if (rest.length === 0)
            return out;
        const head = rest.map((s) => s[0]).find((h) => !rest.some((s) => s.indexOf(h) > 0));
        if (!head || out.length >= MAX_MRO)
            return undefined;
        out.push(head);
        for (const s of rest)
            if (s[0] === head)
                s.shift();
    }
}
/** The first base, through the hierarchy, that is neither a class read nor object/Configuration. */
function firstUnknownBase(cls) {
    for (const b of cls.bases) {
        const parent = asClass(b);
        if (parent) {
            if (parent.unknownBase)
                return parent.unknownBase;
            continue;
        }
        const ref = refName(b);
        if (ref === 'builtins.object' || CONFIGURATION_BASES.has(ref ?? ''))
            continue;
        return ref ? `${cls.name} derives from ${ref}, which is not read` : `a base of ${cls.name} is not known`;
    }
    return cls.mro ? undefined : `the bases of ${cls.name} cannot be ordered`;
}
// What a class's hierarchy gives is computed once per class (a diamond of bases is met many times).
const plainMemo = new WeakMap();
const configurationMemo = new WeakMap();
/** Attributes through the C3 order (a plain class: what an instance's attributes are). Shared: do not change it. */
export function plainClassSettings(cls) {
    let found = plainMemo.get(cls);
    if (found)
        return found;
    const attributes = new Map();
    for (const c of [...(cls.mro ?? [])].reverse()) {
        for (const [name, value] of c.attrs)
            attributes.set(name, { value, at: c.assignedAt.get(name), owner: c });
    }
    found = { attributes, masksDjangoDefaults: false, unknownBase: cls.unknownBase ?? cls.mro?.find((c) => c.dynamic)?.dynamic };
    plainMemo.set(cls, found);
    return found;
}
/**
 * A django-configurations class's uppercase attributes. ConfigurationBase creates each class with
 * `dict(global_settings, **bases' uppercase attributes (last base first), **own attributes)`, so a
 * class holds every inherited setting in its own namespace, Django's defaults included: a
 * Configuration subclass listed first among the bases brings Django's default for every setting
 * it leaves alone, over what later bases set. Shared: do not change it.
 */
export function configurationSettings(cls, isDjangoSetting) {
    let byPredicate = configurationMemo.get(cls);
    if (!byPredicate)
        configurationMemo.set(cls, (byPredicate = new Map()));
    let found = byPredicate.get(isDjangoSetting);
    if (found)
        return found;
    const attributes = new Map();
    // Without an order (Python raises TypeError) the bases are not followed: recursion stays within the capped order.
    for (const b of cls.mro ? [...cls.bases].reverse() : []) {
        const parent = asClass(b);
        if (!parent)
            continue;
        const inherited = parent.configuration ? configurationSettings(parent, isDjangoSetting) : plainClassSettings(parent);
        if (inherited.masksDjangoDefaults) {
            for (const name of [...attributes.keys()])
                if (isDjangoSetting(name) && !inherited.attributes.has(name))
                    attributes.delete(name);
        }
        for (const [name, attr] of inherited.attributes)
            if (SETTING_NAME.test(name))
                attributes.set(name, attr);
    }
    for (const [name, value] of cls.attrs)
        attributes.set(name, { value, at: cls.assignedAt.get(name), owner: cls });
    found = { attributes, masksDjangoDefaults: true, unknownBase: cls.unknownBase ?? cls.mro?.find((c) => c.dynamic)?.dynamic };
    byPredicate.set(isDjangoSetting, found);
    return found;
}
/** `Cls.NAME` in an expression: the attribute through the bases, or unknown. */
export function classAttribute(cls, attr, origin) {
    const settings = plainClassSettings(cls);
    const found = settings.attributes.get(attr);
    if (found)
        return found.value;
    return unknown(settings.unknownBase ? `${cls.name}.${attr}: ${settings.unknownBase}` : `${cls.name}.${attr} is not defined in the classes read`, origin);
}
/** Names of the module's django-configurations classes (as the module binds them), in namespace order. */
export function configurationClassesIn(ns) {
    const out = [];
    for (const [name, value] of ns) {
        const cls = asClass(value);
        if (cls && isConfigurationClass(cls))
            out.push([name, cls]);
    }
    return out;
}
/**
 * Modules whose classes this module's classes derive from: subclassing an imported settings class
 * makes its module part of this one, as a star import does (absolute paths).
 */
export function classBaseModules(ns, absPath) {
    const out = new Set();
    const seen = new Set();
    const stack = [];
    for (const [, value] of ns) {
        const cls = asClass(value);
        if (cls && cls.module === absPath)
            stack.push(cls);
    }
    while (stack.length > 0 && seen.size < 10_000) {
        const cls = stack.pop();
        if (seen.has(cls))
            continue;
        seen.add(cls);
        for (const b of cls.bases) {
            const parent = asClass(b);
            if (!parent)
                continue;
            if (parent.module !== absPath)
                out.add(parent.module);
            stack.push(parent);
        }
    }
    return [...out];
}
/** `vars(X)` or `X.__dict__`: the node of X. */
function namespaceOf(source) {
    if (source.type === 'call' && source.childForFieldName('function')?.text === 'vars')
        return namedChildren(source.childForFieldName('arguments'))[0];
    if (source.type === 'attribute' && source.childForFieldName('attribute')?.text === '__dict__')
        return source.childForFieldName('object') ?? undefined;
    return undefined;
}
/**
 * A statement that loads a class's attributes into the module: `Cls.load_settings(__name__)` (any
 * method given the module's name: the class becomes this module, its inherited attributes too),
 * or `globals().update(vars(Cls))` / `locals().update(Cls.__dict__)` (the class's own attributes).
 */
export function classLoadedBy(call, evaluate) {
    const fn = call.childForFieldName('function');
    const args = call.childForFieldName('arguments');
    if (fn?.type !== 'attribute' || !args)
        return undefined;
    const argNodes = namedChildren(args).filter((n) => n.type !== 'comment');
    const object = fn.childForFieldName('object');
    // Only names are evaluated here: evaluating a call twice could repeat its environment writes.
    if (argNodes.length === 1 && argNodes[0].type === 'identifier' && argNodes[0].text === '__name__' && (object.type === 'identifier' || object.type === 'attribute')) {
        const cls = asClass(evaluate(object));
        return cls ? { cls, inherited: true } : undefined;
    }
    const method = fn.childForFieldName('attribute')?.text;
    const namespaceCall = object.type === 'call' && /^(globals|locals|vars)$/.test(object.childForFieldName('function')?.text ?? '') && namedChildren(object.childForFieldName('arguments')).length === 0;
    if (method !== 'update' || !namespaceCall || argNodes.length !== 1)
        return undefined;
    const clsNode = namespaceOf(argNodes[0]);
    const cls = clsNode ? asClass(evaluate(clsNode)) : undefined;
    return cls ? { cls, inherited: false } : undefined;
}
/**
 * `for k, v in vars(Cls).items(): globals()[k] = v` (the write may sit under one `if`, such as
 * `if k.isupper():`): the class's own attributes become the module's.
 */
export function classLoadedByLoop(stmt, evaluate) {
    const left = stmt.childForFieldName('left');
    const right = stmt.childForFieldName('right');
    const body = stmt.childForFieldName('body');
    const names = left && (left.type === 'pattern_list' || left.type === 'tuple_pattern') ? namedChildren(left) : [];
    if (names.length !== 2 || names.some((n) => n.type !== 'identifier') || right?.type !== 'call' || !body)
        return undefined;
    const items = right.childForFieldName('function');
    if (items?.type !== 'attribute' || items.childForFieldName('attribute')?.text !== 'items')
        return undefined;
    const clsNode = namespaceOf(items.childForFieldName('object'));
    let statements = namedChildren(body).filter((n) => n.type !== 'comment');
    if (statements.length === 1 && statements[0].type === 'if_statement' && !statements[0].childForFieldName('alternative')) {
        statements = namedChildren(statements[0].childForFieldName('consequence')).filter((n) => n.type !== 'comment');
    }
    const [key, value] = names.map((n) => n.text);
    const write = statements.length === 1 ? statements[0].text.replace(/\s+/g, '') : '';
    if (write !== `globals()[${key}]=${value}` && write !== `locals()[${key}]=${value}`)
        return undefined;
    const cls = clsNode ? asClass(evaluate(clsNode)) : undefined;
    return cls ? { cls, inherited: false } : undefined;
}
/** The settings a loaded class gives its module: uppercase attributes, each from the class that set it. */
export function loadedSettings(loaded) {
    if (loaded.inherited)
        return plainClassSettings(loaded.cls);
    const attributes = new Map();
    for (const [name, value] of loaded.cls.attrs)
        attributes.set(name, { value, at: loaded.cls.assignedAt.get(name), owner: loaded.cls });
    return { attributes, masksDjangoDefaults: false, unknownBase: loaded.cls.dynamic };
}
