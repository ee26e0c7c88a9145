// Reads that a hostile host page cannot steer. A page may add enumerable properties to
// Object.prototype (`Object.prototype.placement = 'x'` would otherwise become every event's
// placement) or replace built-in methods after we load; these helpers read own properties only,
// through functions captured when this module is evaluated.
const hasOwnProperty = Object.prototype.hasOwnProperty
const { apply } = Reflect

/** True when `key` is an own property of `object` (never an inherited one). */
export const hasOwn = (object: object, key: PropertyKey): boolean => apply(hasOwnProperty, object, [key]) as boolean

/** `object[key]` when it is an own property, else undefined; undefined for anything not an object. */
export const own = (object: unknown, key: PropertyKey): unknown =>
  object !== null && (typeof object == 'object' || typeof object == 'function') && hasOwn(object, key) ? (object as Record<PropertyKey, unknown>)[key] : undefined
