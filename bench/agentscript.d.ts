/** The part of AgentScript's API the kernel benchmark uses (the package ships no types). */
declare module 'agentscript' {
  export interface Turtles<T> {
    create(n: number, init: (t: T) => void): unknown;
    ask(f: (t: T) => void): void;
  }
  export class Model {
    constructor(world: unknown);
    // biome-ignore lint/suspicious/noExplicitAny: turtles carry whatever properties the model gives them
    turtles: Turtles<any>;
  }
  export const World: { defaultOptions(maxX: number): unknown };
}
