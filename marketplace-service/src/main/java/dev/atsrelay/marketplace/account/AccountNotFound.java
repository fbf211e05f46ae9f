package dev.atsrelay.marketplace.account;

public class AccountNotFound extends RuntimeException {

    AccountNotFound(String message) {
        super(message);
    }
}
