package io.haneul.sns.domain;

/** E.164 phone numbers as SNS accepts them for SMS. */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    public static boolean valid(String number) {
        return number != null && number.matches("\\+?[1-9]\\d{6,14}");
    }

    /** The number with a leading '+', as SNS lists them. */
    public static String normalize(String number) {
        return number.startsWith("+") ? number : "+" + number;
    }
}
