package io.custodia.pii.bench;

import java.util.Random;

/**
 * Generated web text for benchmarks: sentences in English, German, French and Italian with numbers, dates, versions,
 * URLs and prices, and personal data (e-mails, phones, IBANs, cards, IPs, names) after a given share of its words:
 * 3 in 1,000 words make about 1% of its chars, 12 in 1,000 about 3.9%.
 */
final class WebText {

    static final String[] EN = ("the of and to in is that for it as was with be by on not he this are or his from at which but "
            + "have an they you were their one all we can her has there been if more when will would who so no data model "
            + "training language open source community privacy policy research university weather city market price news "
            + "people year government report health school music sport team game software update release support").split(" ");
    static final String[] DE = ("der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an "
            + "werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder "
            + "Straße Größe Qualität Öffentlichkeit Zürich München Übersicht Forschung Hochschule Datenschutz").split(" ");
    static final String[] FR = ("de la le et les des en un du une est que pour qui dans par plus pas au sur ne se ce il sont "
            + "avec été élève données société université éducation santé marché prix nouvelles français développement").split(" ");
    static final String[] IT = ("di e il la che in per un del della è non una sono le con si da al dei nel più come anche "
            + "città università perché però già così società dati ricerca salute mercato prezzo notizie").split(" ");
    static final String[] FIRST = ("Anna Marco Laura Luca Sophie Jonas Emma Noah Mia Leon Chiara Paolo Julie Thomas Sarah David "
            + "Elena Felix Nina Louis Clara Simon Lena Matteo Giulia Hugo Alice Pierre Marie Jan").split(" ");

    static final int MAX_PII_PER_THOUSAND_WORDS = 12;

    private final Random random;
    private final String[] lastNames;
    private final int piiPerThousandWords;

    WebText(Random random, String[] lastNames, int piiPerThousandWords) {
        this.random = random;
        this.lastNames = lastNames;
        if (piiPerThousandWords < 0 || piiPerThousandWords > MAX_PII_PER_THOUSAND_WORDS) {
            throw new IllegalArgumentException("personal data per 1,000 words must be 0 to " + MAX_PII_PER_THOUSAND_WORDS);
        }
        this.piiPerThousandWords = piiPerThousandWords;
    }

    /** A document of about {@code size} chars. */
    String document(int size) {
        StringBuilder out = new StringBuilder(size + 200);
        String[] language = switch (random.nextInt(4)) {
            case 0 -> EN;
            case 1 -> DE;
            case 2 -> FR;
            default -> IT;
        };
        while (out.length() < size) {
            int words = 6 + random.nextInt(18);
            for (int w = 0; w < words; w++) {
                String word = language[random.nextInt(language.length)];
                out.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                int extra = random.nextInt(1000);
                // Numbers and URLs come after the same words at any share of personal data.
                if (extra < piiPerThousandWords) {
                    out.append(' ').append(pii());
                } else if (extra >= MAX_PII_PER_THOUSAND_WORDS && extra < 40) {
                    out.append(' ').append(number());
                } else if (extra >= MAX_PII_PER_THOUSAND_WORDS && extra < 45) {
                    out.append(" https://www.example").append(random.nextInt(1000)).append(".org/page/").append(random.nextInt(100000));
                }
                out.append(w == words - 1 ? (random.nextInt(5) == 0 ? "!\n" : ". ") : (random.nextInt(12) == 0 ? ", " : " "));
            }
        }
        return out.toString();
    }

    private String number() {
        return switch (random.nextInt(6)) {
            case 0 -> Integer.toString(1990 + random.nextInt(40));
            case 1 -> (1 + random.nextInt(28)) + "." + (1 + random.nextInt(12)) + "." + (2000 + random.nextInt(30));
            case 2 -> "v" + random.nextInt(10) + "." + random.nextInt(20) + "." + random.nextInt(50);
            case 3 -> random.nextInt(1000) + "." + (10 + random.nextInt(90)) + " CHF";
            case 4 -> random.nextInt(100) + "%";
            default -> "#" + (100000 + random.nextInt(900000));
        };
    }

    String name() {
        return FIRST[random.nextInt(FIRST.length)] + " " + lastNames[random.nextInt(lastNames.length)];
    }

    private String pii() {
        return switch (random.nextInt(8)) {
            case 0, 1 -> FIRST[random.nextInt(FIRST.length)].toLowerCase() + "." + lastNames[random.nextInt(lastNames.length)].toLowerCase()
                    + "@example" + random.nextInt(100) + ".com";
            case 2 -> "+41 44 " + (200 + random.nextInt(700)) + " " + (10 + random.nextInt(90)) + " " + (10 + random.nextInt(90));
            case 3 -> "CH93 0076 2011 6238 5295 7";
            case 4 -> "4111 1111 1111 1111";
            case 5 -> (1 + random.nextInt(9)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
            default -> name();
        };
    }
}
