// One context shared by the identify tests (building it loads the OUI registry once).
import { createIdentifyContext, type IdentifyContext } from './context.js';

let ctx: IdentifyContext | undefined;

export function testContext(): IdentifyContext {
  ctx ??= createIdentifyContext();
  return ctx;
}
