package org.hepatica.platform.internal.csv;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.hepatica.cohort.ColumnType;
import org.hepatica.platform.internal.model.Column;

/**
 * What makes the importer refuse a column as a direct identifier: cohorts are stored pseudonymised,
 * so a column that names, reaches or locates a patient (or identifies them in another register) has no
 * place in them. Only <em>extra</em> columns (those beyond the cohort CSV contract) are judged; the
 * contract's own {@code patient_id} is the pseudonym and {@code site} a centre code. A refused column
 * is accepted once the import drops it ({@code dropColumns}), which keeps it out of the stored cohort.
 *
 * <p><b>By header.</b> The column's name, lower case with the separators {@code _ - . space} removed,
 * is one of {@link #HEADERS}. The contract has no birth date column (it has {@code age}), so a date of
 * birth is refused too.
 *
 * <p><b>By content.</b> In an extra column that is not numeric (a column whose every value is a
 * number, such as {@code afp_ng_ml} or a phone number written as bare digits, is never judged by
 * content), a value counts when it holds an e-mail address ({@code local@domain.tld}, also within free
 * text) or when the whole value looks like a phone
 * number (7 to 15 digits with only {@code + ( ) -} and spaces besides, {@code +} only first; a value
 * that is itself a plain number, and date-shaped values such as {@code 2017-06-05}, {@code 05-06-2017}
 * or {@code 2017-2019}, do not count). The column is refused when at least {@value #MIN_ROWS} rows
 * count, or when at least {@value #MIN_PERCENT} % of its non-empty values count: a few e-mail
 * addresses in a large free-text column are identifiers all the same, and one in a tiny cohort is a
 * large share of it. Only the accepted rows are counted (the values of a rejected row are not read
 * into columns).
 */
final class DirectIdentifiers {

    /** Rows that, at least, make a column's content look like identifiers. */
    static final int MIN_ROWS = 3;
    /** Share of a column's non-empty values that, at least, makes its content look like identifiers. */
    static final int MIN_PERCENT = 20;

    /**
     * Normalised header names (lower case, separators removed) refused, each with what it says the
     * column holds, as the refusal puts it.
     */
    static final Map<String, String> HEADERS = Map.ofEntries(
            // a person's name, whole or in parts: the most direct identifier of all
            Map.entry("name", "a person's name"),
            Map.entry("firstname", "a person's name"),
            Map.entry("lastname", "a person's name"),
            Map.entry("familyname", "a person's name"),
            Map.entry("givenname", "a person's name"),
            Map.entry("surname", "a person's name"),
            Map.entry("patientname", "a person's name"),
            Map.entry("fullname", "a person's name"),
            // a way to reach the patient, unique to them or their household
            Map.entry("phone", "a phone number"),
            Map.entry("phonenumber", "a phone number"),
            Map.entry("telephone", "a phone number"),
            Map.entry("mobile", "a phone number"),
            Map.entry("email", "an e-mail address"),
            Map.entry("emailaddress", "an e-mail address"),
            Map.entry("mail", "an e-mail address"),
            // where the patient lives: a street address identifies a household; a full zip / post code
            // narrows it to a street or a few buildings
            Map.entry("address", "a street address"),
            Map.entry("streetaddress", "a street address"),
            Map.entry("street", "a street address"),
            Map.entry("zip", "a zip / post code"),
            Map.entry("zipcode", "a zip / post code"),
            Map.entry("postcode", "a zip / post code"),
            Map.entry("postalcode", "a zip / post code"),
            // ids of national registers and insurers: they link the row to the person everywhere
            Map.entry("ssn", "a national id / social security number"),
            Map.entry("socialsecurity", "a national id / social security number"),
            Map.entry("socialsecuritynumber", "a national id / social security number"),
            Map.entry("nationalid", "a national id / social security number"),
            Map.entry("nhsnumber", "a national id / social security number"),
            Map.entry("insurancenumber", "an insurance number"),
            // the hospital's own id: the contract's patient_id is the pseudonym, not the record number
            Map.entry("mrn", "a medical record number"),
            Map.entry("medicalrecordnumber", "a medical record number"),
            // with sex and a zip code a birth date identifies most people; the contract has age instead
            Map.entry("dateofbirth", "a date of birth"),
            Map.entry("dob", "a date of birth"),
            Map.entry("birthdate", "a date of birth"));

    private static final Pattern EMAIL =
            Pattern.compile("(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b");
    private static final Pattern PHONE_CHARACTERS = Pattern.compile("\\+?[0-9 ()-]+");
    /** Digits and dashes shaped like a date or a span of years: 2017-06-05, 05-06-2017, 2017-2019. */
    private static final Pattern DATE_SHAPED =
            Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}-\\d{1,2}-\\d{4}|\\d{4}\\s*-\\s*\\d{4}");

    private DirectIdentifiers() {
    }

    /** {@code name} as {@link #HEADERS} lists it: lower case, without {@code _ - . } and white space. */
    static String normalise(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            if (c != '_' && c != '-' && c != '.' && !Character.isWhitespace(c)) {
                b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /** What an extra column's name says it holds, when that is a direct identifier; else null. */
    static String byHeader(String name) {
        return HEADERS.get(normalise(name));
    }

    /**
     * What an extra column's values look like when enough of them look like identifiers (see the
     * class), e.g. "e-mail addresses in 37 of 400 rows"; else null.
     */
    static String byContent(Column column) {
        if (column.type() != ColumnType.CATEGORICAL && column.type() != ColumnType.TEXT) {
            return null;
        }
        int size = column.size();
        int nonEmpty = 0;
        int emails = 0;
        int phones = 0;
        if (column.codes() != null) {
            int[] perLevel = new int[column.levels().size()];
            for (int code : column.codes()) {
                if (code >= 0) {
                    perLevel[code]++;
                }
            }
            for (int l = 0; l < perLevel.length; l++) {
                nonEmpty += perLevel[l];
                String level = column.levels().get(l);
                if (isEmail(level)) {
                    emails += perLevel[l];
                } else if (isPhone(level)) {
                    phones += perLevel[l];
                }
            }
        } else {
            for (String t : column.texts()) {
                if (t != null) {
                    nonEmpty++;
                    if (isEmail(t)) {
                        emails++;
                    } else if (isPhone(t)) {
                        phones++;
                    }
                }
            }
        }
        if (looksIdentifying(emails, nonEmpty) && emails >= phones) {
            return "e-mail addresses in " + emails + " of " + size + " rows";
        }
        if (looksIdentifying(phones, nonEmpty)) {
            return "phone numbers in " + phones + " of " + size + " rows";
        }
        if (looksIdentifying(emails, nonEmpty)) {
            return "e-mail addresses in " + emails + " of " + size + " rows";
        }
        return null;
    }

    private static boolean looksIdentifying(int matches, int nonEmpty) {
        return matches >= MIN_ROWS || (matches > 0 && matches * 100L >= (long) MIN_PERCENT * nonEmpty);
    }

    /** Whether the value holds an e-mail address, {@code local@domain.tld}, alone or within text. */
    static boolean isEmail(String value) {
        return value.indexOf('@') >= 0 && EMAIL.matcher(value).find();
    }

    /**
     * 7 to 15 digits with only {@code + ( ) -} and spaces besides ({@code +} only first), not a plain
     * number (a leading {@code +} with the digits is still a phone number) and not shaped like a date.
     */
    static boolean isPhone(String value) {
        String v = value.strip();
        if (v.isEmpty() || !PHONE_CHARACTERS.matcher(v).matches()) {
            return false;
        }
        int digits = 0;
        for (int k = 0; k < v.length(); k++) {
            digits += Character.isDigit(v.charAt(k)) ? 1 : 0;
        }
        if (digits < 7 || digits > 15 || DATE_SHAPED.matcher(v).matches()) {
            return false;
        }
        return v.charAt(0) == '+' || Double.isNaN(Numbers.parse(v));
    }

    /** The refusal's reason for column {@code name}, which looks like {@code what}. */
    static String reason(String name, String what) {
        return "column '" + name + "' looks like a direct identifier (" + what + "): drop it before import,"
                + " or import with dropColumns=" + name;
    }
}
