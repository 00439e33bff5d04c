/** Errors of a console action in any emulated cloud (the admin API answers them as 4xx). */
export class ConsoleError extends Error {
    constructor(
        readonly status: number,
        message: string,
    ) {
        super(message);
    }
}
