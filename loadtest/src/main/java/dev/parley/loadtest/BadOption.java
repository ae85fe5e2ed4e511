package dev.parley.loadtest;

/** The command line asks for something the generator cannot do; the message says what, in one line. */
final class BadOption extends RuntimeException {
    BadOption(String message) {
        super(message);
    }
}
