#!/usr/bin/env node
// The `ethixai` bin: registers tsx (the workspace ships TypeScript source, no build step) and
// runs the CLI. Kept in JS so it starts without any loader.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
