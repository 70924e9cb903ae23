import type { Model, ModelChange, ModelChanges, ModelFieldChange } from '../types.js';

/**
 * Gives each of `targets` (a status, an event) an enumerable `changes` field: the diff of
 * `before` and `after`, computed on the first read of any of them, then kept. A listing
 * costs no diff until someone looks (the diff of two lists costs about as much as building one);
 * the lists are held until then. The targets may be frozen afterwards.
 */
export function defineChanges(
  before: readonly Model[],
  after: readonly Model[],
  targets: readonly object[],
): void {
  let changes: ModelChanges | undefined;
  let lists: readonly [readonly Model[], readonly Model[]] | undefined = [before, after];
  const get = (): ModelChanges => {
    if (lists) {
      changes = diffModels(...lists);
      lists = undefined; // the old list may go now
    }
    return changes!;
  };
  for (const target of targets) Object.defineProperty(target, 'changes', { enumerable: true, get });
}

/**
 * What differs between two lists of one provider: the ids added and removed, and for each
 * model in both, every field whose value changed with its old and new value. The comparison
 * is generic over the fields a model has, so a field added to `Model` later is covered
 * without a change here: plain objects (`pricing`) are compared field by field and reported
 * by path (`pricing.input`); arrays and other values are compared as a whole. What it returns
 * is frozen, as it is built (the values in it are the models' own, frozen with them).
 */
export function diffModels(before: readonly Model[], after: readonly Model[]): ModelChanges {
  const added: string[] = [];
  const changed: ModelChange[] = [];
  // A provider lists its models in the same order from one fetch to the next, mostly: the
  // models at the same place are compared directly, and only the rest go through a map.
  let aligned = 0;
  const length = Math.min(before.length, after.length);
  while (aligned < length && before[aligned]!.id === after[aligned]!.id) {
    compareModels(before[aligned]!, after[aligned]!, changed);
    aligned++;
  }
  const previous = new Map<string, Model>();
  for (let index = aligned; index < before.length; index++) {
    previous.set(before[index]!.id, before[index]!);
  }
  for (let index = aligned; index < after.length; index++) {
    const model = after[index]!;
    const old = previous.get(model.id);
    if (!old) {
      added.push(model.id);
      continue;
    }
    previous.delete(model.id);
    compareModels(old, model, changed);
  }
  return Object.freeze({
    added: Object.freeze(added),
    removed: Object.freeze([...previous.keys()]),
    changed: Object.freeze(changed),
  });
}

function compareModels(old: Model, model: Model, changed: ModelChange[]): void {
  // The same object (a list kept from a cache) cannot differ from itself.
  if (old === model) return;
  const fields = diffFields(old as unknown as Fields, model as unknown as Fields, '');
  if (fields.length > 0)
    changed.push(Object.freeze({ id: model.id, fields: Object.freeze(fields) }));
}

type Fields = Readonly<Record<string, unknown>>;

/** The changes between two objects, the changes of nested plain objects by path. */
function diffFields(
  before: Fields,
  after: Fields,
  path: string,
  changes: ModelFieldChange[] = [],
): ModelFieldChange[] {
  // The fields of `before`, then those only `after` has: no list of names is built per model.
  for (const name in before) {
    const old = before[name];
    const now = after[name];
    if (old !== now) compareField(old, now, name, path, changes);
  }
  for (const name in after) {
    const now = after[name];
    // `hasOwn` last: it is slow in a loop, and only a field `before` lacks gets there.
    if (now !== undefined && before[name] === undefined && !Object.hasOwn(before, name)) {
      compareField(undefined, now, name, path, changes);
    }
  }
  return changes;
}

function compareField(
  old: unknown,
  now: unknown,
  name: string,
  path: string,
  changes: ModelFieldChange[],
): void {
  if (isPlainObject(old) && isPlainObject(now)) diffFields(old, now, `${path}${name}.`, changes);
  else if (!isEqual(old, now)) {
    changes.push(Object.freeze({ field: `${path}${name}`, before: old, after: now }));
  }
}

function isPlainObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep equality of JSON values; a field set to `undefined` equals a missing one. */
function isEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) {
    return false;
  }
  if (Array.isArray(left) && Array.isArray(right)) {
    if (left.length !== right.length) return false;
    for (let index = 0; index < left.length; index++) {
      if (!isEqual(left[index], right[index])) return false;
    }
    return true;
  }
  if (isPlainObject(left) && isPlainObject(right)) {
    for (const name in left) if (!isEqual(left[name], right[name])) return false;
    // A field only `right` has (the fields both have were compared above).
    for (const name in right)
      if (right[name] !== undefined && left[name] === undefined) return false;
    return true;
  }
  return false;
}
