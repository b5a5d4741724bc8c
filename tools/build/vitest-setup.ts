import { buildCli } from './build-cli.ts';

/** Tests run the shipped CLI bundle, so every run builds it from the current sources first. */
export default async function setup(): Promise<void> {
  await buildCli();
}
