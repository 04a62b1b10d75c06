// The terminal output layer: everything a command prints goes through here, so text from input files
// (titles, affiliations, names) can never carry a control sequence to the user's terminal.
import { escapeTerminal } from '../report/terminal.js';

/** Where printed text goes; tests that run the command line in-process point these elsewhere. */
export const terminalSink = {
  out: (text: string): void => void process.stdout.write(text),
  err: (text: string): void => void process.stderr.write(text),
};

export function print(text: string): void {
  terminalSink.out(escapeTerminal(text));
}

export function printErr(text: string): void {
  terminalSink.err(escapeTerminal(text));
}
