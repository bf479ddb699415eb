/** Any report as JSON text: the report objects are already the documented shape (see README.md). */
export const renderJson = (report: unknown): string => `${JSON.stringify(report, null, 2)}\n`;
