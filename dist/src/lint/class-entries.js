// Entry modules with django-configurations classes are judged class by class: each class that
// deploys (src/project/class-roles.ts) is a SettingsModule of its own (src/model/class-settings.ts),
// and the classes that do not deploy are listed as skipped. Any other module is judged as it is.
import { djangoDefault } from '../rule-kit/django-defaults.js';
import { classEntrySettings } from '../model/class-settings.js';
import { asClass, configurationClassesIn, methodResolutionOrder } from '../model/classes.js';
import { chooseEntryClasses } from '../project/class-roles.js';
import { configurationEvidence } from '../project/configuration-evidence.js';
const judgedClasses = new WeakMap();
/** The class entries last judged for a module (--print-settings). */
export function judgedClassEntries(module) {
    return judgedClasses.get(module);
}
const isDjangoSetting = (name) => djangoDefault(name) !== undefined;
/** What to judge for an entry module: its classes that deploy, or the module itself. */
export function entrySettings(module, options) {
    const classes = configurationClassesIn(module.ns);
    if (classes.length === 0)
        return { judged: [{ settings: module }], skipped: [] };
    const nameOf = new Map(classes.map(([name, cls]) => [cls, name]));
    const facts = classes.map(([name, cls]) => ({
        name,
        ancestors: (methodResolutionOrder(cls) ?? cls.bases.map(asClass).filter((b) => b !== undefined)).slice(1).flatMap((c) => nameOf.get(c) ?? []),
    }));
    const evidence = { deployed: options.deployed?.get('DJANGO_CONFIGURATION'), config: [...(options.configured ?? [])], ...configurationEvidence(module.module.absPath, options.root) };
    const roles = chooseEntryClasses(facts, evidence, options.includeDev);
    const byName = new Map(classes);
    const entries = roles.entries.map(({ name }) => classEntrySettings(module, name, byName.get(name), options.deployed ?? new Map(), isDjangoSetting, options.deployedFrom));
    judgedClasses.set(module, entries);
    return { judged: entries.map((e) => ({ settings: e.settings, classEntry: e.entry })), skipped: roles.skipped };
}
