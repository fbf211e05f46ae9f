package dev.atsrelay.dispatcher.web;

class BadParameter extends RuntimeException {

    private final String parameter;

    BadParameter(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
