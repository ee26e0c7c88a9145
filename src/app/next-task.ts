/**
 * Resolves in a task of its own. Start-up is several steps of tens of ms each on a large
 * catalogue (parsing and checking the catalogue, decoding the shop model, features, item vectors):
 * awaiting this between them keeps every main-thread task under the 50 ms long-task budget, also
 * when two fetches finish in the same task (e2e/long-task.spec.ts).
 */
export const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))
