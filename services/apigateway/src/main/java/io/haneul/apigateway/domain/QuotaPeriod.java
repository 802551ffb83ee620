package io.haneul.apigateway.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * A usage plan's quota period ({@code DAY}, {@code WEEK} or {@code MONTH}) and its offset, as AWS
 * counts them in UTC: a WEEK starts on Sunday plus the offset (0 to 6 days), a MONTH on its first day
 * plus the offset (0 to 27 days), a DAY at midnight (offset 0 only).
 */
public record QuotaPeriod(String period, int offset) {

    /** AWS's rules for a quota's period and offset; the message is the BadRequestException's. */
    public static void check(String period, int offset, long limit) {
        switch (period == null ? "" : period) {
            case "DAY" -> {
                if (offset != 0) {
                    throw ApiGatewayException.badRequest("Quota offset must be 0 for period DAY");
                }
            }
            case "WEEK" -> {
                if (offset < 0 || offset > 6) {
                    throw ApiGatewayException.badRequest("Quota offset must be between 0 and 6 for period WEEK");
                }
            }
            case "MONTH" -> {
                if (offset < 0 || offset > 27) {
                    throw ApiGatewayException.badRequest("Quota offset must be between 0 and 27 for period MONTH");
                }
            }
            default -> throw ApiGatewayException.badRequest("Invalid quota period specified: " + period
                    + ". Must be one of: [DAY, WEEK, MONTH]");
        }
        if (limit < 0) {
            throw ApiGatewayException.badRequest("Quota limit must be a non-negative number");
        }
    }

    /** The first day of the period that holds {@code day}. */
    public LocalDate start(LocalDate day) {
        return switch (period) {
            case "WEEK" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY.plus(offset)));
            case "MONTH" -> {
                LocalDate thisMonth = day.withDayOfMonth(1).plusDays(offset);
                yield day.isBefore(thisMonth) ? day.minusMonths(1).withDayOfMonth(1).plusDays(offset) : thisMonth;
            }
            default -> day;
        };
    }
}
