import { configurationSettings, methodResolutionOrder } from './classes.js';
import { setUpValue } from './configurations.js';
import { isConcrete, unknown } from './values.js';
const SETTING_NAME = /^[A-Z][A-Z0-9_]*$/;
/**
 * The module's settings once the importer has loaded class `name`: the module's namespace, then
 * the class's uppercase attributes (Values read from the environment as the deployed run would).
 * `isDjangoSetting` tells which names global_settings defines (the class carries their defaults).
 */
export function classEntrySettings(module, name, cls, deployed, isDjangoSetting, deployedFrom) {
    const found = configurationSettings(cls, isDjangoSetting);
    const ns = new Map(module.ns);
    const assignedAt = new Map(module.assignedAt);
    // The class carries Django's default for each global setting it does not set: a module-level
    // value of that name is overwritten by the default.
    for (const key of [...ns.keys()])
        if (isDjangoSetting(key) && !found.attributes.has(key)) {
            ns.delete(key);
            assignedAt.delete(key);
        }
    const session = { deployed, deployedFrom, envWrites: new Map(module.chain.env) };
    const set = (key, value, at) => {
        ns.set(key, value);
        if (at)
            assignedAt.set(key, at);
    };
    for (const [key, attr] of found.attributes) {
        if (!SETTING_NAME.test(key))
            continue;
        const { value, extra } = setUp(key, attr, session);
        set(key, value, attr.at);
        for (const [extraName, extraValue] of extra)
            set(extraName, extraValue, attr.at);
    }
    const order = methodResolutionOrder(cls);
    const root = [...(order ?? [cls])].reverse().find((c) => c.configuration) ?? cls;
    const chain = order ? [...order.map((c) => c.name), 'Configuration'] : [cls.name, '…'];
    const settings = {
        ...module,
        ns,
        assignedAt,
        poisoned: module.poisoned || found.unknownBase !== undefined,
        // A setting the class lacks is reported at the settings class its chain starts from
        // (`class Common(Configuration):`), where adding it serves every class that inherits it.
        missingAt: classLine(root),
        notes: found.unknownBase ? [...module.notes, { kind: 'dynamic-globals', message: `class ${name}: ${found.unknownBase}; settings it does not set are unknown`, origin: cls.origin }] : module.notes,
    };
    return { settings, entry: { name, chain } };
}
/** The `class Name` part of a class statement. */
function classLine(cls) {
    return { ...cls.origin, endLine: cls.origin.line, endColumn: cls.origin.column + 'class '.length + cls.name.length };
}
/** Configuration.setup() for one attribute: a Value reads its variable; anything else stays. */
function setUp(key, attr, session) {
    const v = attr.value;
    if (!isConcrete(v) || typeof v.py !== 'object' || v.py === null || v.py.t !== 'config-value')
        return { value: v, extra: new Map() };
    const origin = v.origin ?? attr.at ?? attr.owner.origin;
    if (!origin)
        return { value: unknown('a Value with no source position'), extra: new Map() };
    return setUpValue(v.py, key, session, origin);
}
