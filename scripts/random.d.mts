/** A deterministic generator of numbers in [0, 1) for one seed (mulberry32). */
export function random(seed: number): () => number;
