// Entry modules with django-configurations classes are judged class by class: each class that
// deploys (src/project/class-roles.ts) is a SettingsModule of its own (src/model/class-settings.ts),
// and the classes that do not deploy are listed as skipped. Any other module is judged as it is.
import { djangoDefault } from '../rule-kit/django-defaults.js';
import type { SettingsModule } from '../model/settings-module.js';
import type { ClassEntrySettings } from '../model/class-settings.js';
import { classEntrySettings } from '../model/class-settings.js';
import { asClass, configurationClassesIn, methodResolutionOrder } from '../model/classes.js';
import { chooseEntryClasses } from '../project/class-roles.js';
import { configurationEvidence } from '../project/configuration-evidence.js';

export interface ClassEntryOptions {
  /** Where evidence is looked for (entry points above the settings module, up to here). */
  root: string;
  deployed?: ReadonlyMap<string, string>;
  /** Where deployed values that are not --env came from (LintOptions.deployedFrom). */
  deployedFrom?: ReadonlyMap<string, string>;
  /** Classes the project's deploy configuration names in DJANGO_CONFIGURATION (src/project/evidence.ts). */
  configured?: readonly string[];
  includeDev?: boolean;
}

export interface JudgedEntry {
  settings: SettingsModule;
  /** Set when the entry is a class of the module. */
  classEntry?: ClassEntrySettings['entry'];
}

const judgedClasses = new WeakMap<SettingsModule, ClassEntrySettings[]>();

/** The class entries last judged for a module (--print-settings). */
export function judgedClassEntries(module: SettingsModule): readonly ClassEntrySettings[] | undefined {
  return judgedClasses.get(module);
}

const isDjangoSetting = (name: string) => djangoDefault(name) !== undefined;

/** What to judge for an entry module: its classes that deploy, or the module itself. */
export function entrySettings(module: SettingsModule, options: ClassEntryOptions): { judged: JudgedEntry[]; skipped: { name: string; reason: string }[] } {
  const classes = configurationClassesIn(module.ns);
  if (classes.length === 0) return { judged: [{ settings: module }], skipped: [] };
  const nameOf = new Map(classes.map(([name, cls]) => [cls, name]));
  const facts = classes.map(([name, cls]) => ({
    name,
    ancestors: (methodResolutionOrder(cls) ?? cls.bases.map(asClass).filter((b) => b !== undefined)).slice(1).flatMap((c) => nameOf.get(c) ?? []),
  }));
  const evidence = { deployed: options.deployed?.get('DJANGO_CONFIGURATION'), config: [...(options.configured ?? [])], ...configurationEvidence(module.module.absPath, options.root) };
  const roles = chooseEntryClasses(facts, evidence, options.includeDev);
  const byName = new Map(classes);
  const entries = roles.entries.map(({ name }) => classEntrySettings(module, name, byName.get(name)!, options.deployed ?? new Map(), isDjangoSetting, options.deployedFrom));
  judgedClasses.set(module, entries);
  return { judged: entries.map((e) => ({ settings: e.settings, classEntry: e.entry })), skipped: roles.skipped };
}
