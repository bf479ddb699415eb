/** The version `fagsign --version` prints; a test keeps it equal to package.json's (no JSON import in both ESM and CJS builds). */
export const fagsignVersion = '0.1.0';
