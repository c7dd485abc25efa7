// Expected failures of the models CLIs (bad model, Hub errors, refused switch): one line, exit 1.
const EXPECTED = new Set(['AppError', 'HubError', 'ModelFileError']);

export async function reportExpectedErrors(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (err) {
    if (!(err instanceof Error) || !EXPECTED.has(err.name)) throw err;
    console.error(`error: ${err.message}`);
    process.exit(1);
  }
}
