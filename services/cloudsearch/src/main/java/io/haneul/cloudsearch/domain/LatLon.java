package io.haneul.cloudsearch.domain;

/** A location as CloudSearch writes it: {@code "latitude,longitude"} in decimal degrees. */
public final class LatLon {

    private LatLon() {
    }

    public static boolean valid(String value) {
        String[] parts = value.split(",");
        if (parts.length != 2) {
            return false;
        }
        try {
            double lat = Double.parseDouble(parts[0].trim());
            double lon = Double.parseDouble(parts[1].trim());
            return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
