/**
 * How a failure that no modelled error explains is logged: its message and the fields beside the error. SQLite's
 * own messages name no file ("database or disk is full", "disk I/O error"), so a failure of the state file says
 * so, and which file; any other is an unexpected error.
 */
export function unexpectedFailure(
  error: unknown,
  statePath: string,
): { message: string; fields: Record<string, string> } {
  // better-sqlite3's SqliteError, by name: this module need not load the driver to know its errors.
  if (error instanceof Error && error.name === 'SqliteError') {
    return { message: 'the state file could not be read or written', fields: { statePath } };
  }
  return { message: 'unexpected error', fields: {} };
}
