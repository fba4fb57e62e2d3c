package dev.ebpm.compiler.worker;

/** The registry could not be reached or answered something a worker cannot go on with. */
public class WorkerException extends Exception {
    private final int status;
    private final boolean retryable;

    public WorkerException(String message, int status, boolean retryable) {
        super(message);
        this.status = status;
        this.retryable = retryable;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** Whether the same call may succeed later (no answer, or the registry is restarting or overloaded). */
    public boolean retryable() {
        return retryable;
    }

    /** The registry says this worker no longer holds the build (409): stop working on it. */
    public boolean leaseLost() {
        return status == 409;
    }
}
