/** "1 policy", "3 policies", "0 news items": a count always names its unit, never "item(s)". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
