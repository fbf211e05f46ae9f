package dev.atsrelay.config.testdelivery;

/** The dispatcher, which sends every test delivery, cannot be reached: nothing was tested. */
public class DispatcherUnavailable extends RuntimeException {

    public DispatcherUnavailable(Throwable cause) {
        super("the dispatcher could not be reached to send the test; retry later", cause);
    }
}
