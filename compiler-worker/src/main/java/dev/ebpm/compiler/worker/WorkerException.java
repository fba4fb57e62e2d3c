package dev.ebpm.compiler.worker;

/** The registry could not be reached or answered something a worker cannot go on with. */
public class WorkerException extends Exception {
    private final int status;

    public WorkerException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** The registry says this worker no longer holds the build (409): stop working on it. */
    public boolean leaseLost() {
        return status == 409;
    }
}
