package dev.atsrelay.dispatcher.web;

class NotFound extends RuntimeException {

    NotFound(String message) {
        super(message);
    }
}
