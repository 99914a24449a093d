/** Where in the learner's source something went wrong (1-based line, 1-based column). */
export interface SourceError {
  message: string;
  line: number | null;
  column: number | null;
}

/** Formats an error for the console pane: "Line 3, column 5: Unexpected token". */
export function describeError(error: SourceError): string {
  if (error.line == null) return error.message;
  const col = error.column != null ? `, column ${error.column}` : '';
  return `Line ${error.line}${col}: ${error.message}`;
}
