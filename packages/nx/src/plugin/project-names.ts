// Project names: unique, and the same from run to run for the same workspace (README.md has the
// rules). A binary is named by the template, `{name}` by default. Names that collide grow, all
// of them alike, by trailing elements of the import path of the directory holding cmd/ (the
// module path when cmd/ sits at the module root): two `api` binaries of the modules
// example.com/acme/services and example.com/acme/tools become services-api and tools-api, so
// adding a second `api` renames the first. Module projects take the last element(s) of their
// module path, grown the same way, and give way to binary names.
import { GoPgoPluginError } from './plugin-error';

export interface BinaryNaming {
  /** Workspace-relative directory, for messages and the last resort. */
  dir: string;
  /** The `<name>` of cmd/<name>. */
  name: string;
  modulePath: string;
  /** Import path of the binary's package. */
  importPath: string;
}

export interface ModuleNaming {
  dir: string;
  path: string;
}

interface Subject {
  dir: string;
  /** The path whose elements collisions draw on. */
  path: string;
  /** The name with the last `k` elements of `elements`. */
  render(k: number, elements: readonly string[]): string;
}

export function binaryProjectNames(binaries: readonly BinaryNaming[], template: string): string[] {
  const usesModule = template.includes('{module}');
  return uniqueNames(
    binaries.map((b) => {
      const fill = (module: string): string =>
        template.replaceAll('{name}', b.name).replaceAll('{modulePath}', b.modulePath).replaceAll('{module}', module);
      return {
        dir: b.dir,
        path: holderOfCmd(b),
        // Without {module} in the template, a collision prefixes the name instead.
        render: (k, elements) =>
          usesModule ? fill(suffix(elements, Math.max(k, 1))) : k === 0 ? fill('') : `${suffix(elements, k)}-${fill('')}`,
      };
    }),
    usesModule ? 1 : 0,
    new Set(),
  );
}

export function moduleProjectNames(modules: readonly ModuleNaming[], binaryNames: ReadonlySet<string>): string[] {
  return uniqueNames(
    modules.map((m) => ({ dir: m.dir, path: m.path, render: (k, elements) => suffix(elements, k) })),
    1,
    binaryNames,
  );
}

/**
 * Grows each colliding name (or one equal to a `taken` name) by one element at a time until
 * all are unique. A subject out of elements is named after its directory; names still equal
 * after that are an error.
 */
function uniqueNames(subjects: readonly Subject[], firstK: number, taken: ReadonlySet<string>): string[] {
  // Elements are split only for subjects that collide: most names never need them.
  const elements: (readonly string[] | undefined)[] = [];
  const elementsOf = (i: number): readonly string[] => (elements[i] ??= pathElements(subjects[i]!.path));
  const ks = subjects.map(() => firstK);
  const byDir: boolean[] = [];
  const nameOf = (i: number): string => (byDir[i] ? dirName(subjects[i]!.dir) : subjects[i]!.render(ks[i]!, ks[i]! > 0 ? elementsOf(i) : []));
  const names = subjects.map((_, i) => nameOf(i));
  for (let grew = true; grew; ) {
    grew = false;
    const first = new Map<string, number>();
    const colliding = new Set<number>();
    for (let i = 0; i < names.length; i++) {
      const other = first.get(names[i]!);
      if (other === undefined) {
        first.set(names[i]!, i);
        if (taken.has(names[i]!)) colliding.add(i);
      } else {
        colliding.add(other).add(i);
      }
    }
    for (const i of colliding) {
      if (byDir[i]) continue;
      if (ks[i]! < elementsOf(i).length) ks[i]!++;
      else byDir[i] = true;
      names[i] = nameOf(i);
      grew = true;
    }
  }
  const seen = new Map<string, string>();
  names.forEach((name, i) => {
    const dir = subjects[i]!.dir;
    const other = seen.get(name) ?? (taken.has(name) ? 'another project' : undefined);
    if (other !== undefined) {
      throw new GoPgoPluginError('nx.json', `${dir} and ${other} would both be named "${name}": set a nameTemplate in the @go-pgo/nx options that tells them apart`);
    }
    seen.set(name, dir);
  });
  return names;
}

/** The import path of the directory above cmd/<name>; the module path when the module is rooted at cmd/<name>. */
function holderOfCmd(b: BinaryNaming): string {
  const tail = `/cmd/${b.name}`;
  return b.importPath.endsWith(tail) && b.importPath.length > tail.length ? b.importPath.slice(0, -tail.length) : b.modulePath;
}

/** Elements of an import path; a major-version element (`/v2`) stays with the one before it: foo-v2. */
function pathElements(importPath: string): string[] {
  const elements: string[] = [];
  for (const element of importPath.split('/')) {
    if (/^v(?:[2-9]|[1-9][0-9]+)$/.test(element) && elements.length > 0) elements[elements.length - 1] += `-${element}`;
    else elements.push(element);
  }
  return elements;
}

function suffix(elements: readonly string[], k: number): string {
  return elements.slice(elements.length - k).join('-');
}

function dirName(dir: string): string {
  return dir === '.' ? 'root' : dir.replaceAll('/', '-');
}
