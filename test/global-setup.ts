import { chromiumBinary } from './helpers/chromium-binary.ts';

/** Unpacks the npm Chromium once before any worker starts, so parallel test files do not each unpack it. */
export default async function setup(): Promise<void> {
  const binary = await chromiumBinary();
  console.log(`chromium for tests: ${binary.source}`);
}
