import { enableCompileCache } from 'node:module';

// Loading the modules (type stripping, then compiling) is most of a start-up's CPU, and a
// restart after a crash is when start-up time is felt: clients wait on it. Node's compile cache
// keeps the stripped and compiled code on disk (os.tmpdir()/node-compile-cache, or
// NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off), so every start after the first
// skips that work. It only ever speeds loading up: if the directory cannot be used, it is skipped.
enableCompileCache();
await import('./ai-core-process.ts');
