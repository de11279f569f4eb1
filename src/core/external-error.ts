// ExternalError: something outside Attune failed (a server, the network, a download), not Attune itself
// and not the user's input. The CLI prints its message as it is and exits with code 1.

/** A failure of a service Attune depends on; the message says what failed and what to try. */
export class ExternalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExternalError';
  }
}
