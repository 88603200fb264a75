// The real Lucene, driven line by line, for arabnorm's conformance tests and benchmarks.
//
//   java LuceneDriver run MODE < lines > results     one result line per input line
//   java LuceneDriver batch < requests > results     one request per line: MODE, a tab,
//                                                    the text as a JSON string
//   java LuceneDriver version                        Lucene's and Java's versions
//
// In "run" mode input lines end at "\n" (a "\r" before it is dropped) and results are
// written as UTF-8. In "batch" mode each result is one line of JSON in ASCII (every
// other character escaped as \\uXXXX), so any text, line breaks and lone surrogates
// included, goes through unchanged.
//
// MODEs:
//   analyze-arabic, analyze-persian   {"tokens":[{"token","start_offset","end_offset",
//                                     "type","position"}]} as Elasticsearch's _analyze
//                                     gives them: offsets in UTF-16 code units
//   terms-arabic, terms-persian       the terms separated by one space
//   tokens                            StandardTokenizer alone, as analyze-*
//   normalize, persian-normalize      ArabicNormalizer / PersianNormalizer on the text
//   stem                              ArabicStemmer on each word between whitespace
//   lowercase, digits                 LowerCaseFilter / DecimalDigitFilter on the text

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.ar.ArabicNormalizer;
import org.apache.lucene.analysis.ar.ArabicStemmer;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.analysis.fa.PersianNormalizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.util.Version;

public final class LuceneDriver {
    private final Analyzer arabic = new ArabicAnalyzer();
    private final Analyzer persian = new PersianAnalyzer();
    private final ArabicNormalizer normalizer = new ArabicNormalizer();
    private final PersianNormalizer persianNormalizer = new PersianNormalizer();
    private final ArabicStemmer stemmer = new ArabicStemmer();

    public static void main(String[] args) throws IOException {
        LuceneDriver driver = new LuceneDriver();
        if (args.length == 1 && args[0].equals("version")) {
            System.out.println("lucene " + Version.LATEST + " java " + System.getProperty("java.version"));
            return;
        }
        OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
        String input = new String(readAll(System.in), StandardCharsets.UTF_8);
        if (args.length == 2 && args[0].equals("run")) {
            driver.run(args[1], input, out);
        } else if (args.length == 1 && args[0].equals("batch")) {
            driver.batch(input, out);
        } else {
            System.err.println("usage: LuceneDriver run MODE | batch | version");
            System.exit(2);
        }
        out.flush();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private void run(String mode, String input, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder(1 << 17);
        int start = 0;
        int n = input.length();
        while (start < n) {
            int end = input.indexOf('\n', start);
            int next = end < 0 ? n : end + 1;
            if (end < 0) {
                end = n;
            }
            int stop = end > start && input.charAt(end - 1) == '\r' && end < n ? end - 1 : end;
            answer(mode, input.substring(start, stop), sb, false);
            sb.append('\n');
            if (sb.length() > (1 << 16)) {
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                sb.setLength(0);
            }
            start = next;
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void batch(String input, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder(1 << 17);
        for (String line : input.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            String mode = line.substring(0, tab);
            String text = parseJsonString(line, tab + 1);
            answer(mode, text, sb, true);
            sb.append('\n');
            if (sb.length() > (1 << 16)) {
                out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
                sb.setLength(0);
            }
        }
        out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private void answer(String mode, String text, StringBuilder sb, boolean ascii) throws IOException {
        switch (mode) {
            case "analyze-arabic":
                json(arabic.tokenStream("text", text), sb, ascii);
                break;
            case "analyze-persian":
                json(persian.tokenStream("text", text), sb, ascii);
                break;
            case "terms-arabic":
                terms(arabic.tokenStream("text", text), sb, ascii);
                break;
            case "terms-persian":
                terms(persian.tokenStream("text", text), sb, ascii);
                break;
            case "tokens": {
                Tokenizer tokenizer = new StandardTokenizer();
                tokenizer.setReader(new StringReader(text));
                json(tokenizer, sb, ascii);
                break;
            }
            case "normalize": {
                char[] buf = text.toCharArray();
                text(new String(buf, 0, normalizer.normalize(buf, buf.length)), sb, ascii);
                break;
            }
            case "persian-normalize": {
                char[] buf = text.toCharArray();
                text(new String(buf, 0, persianNormalizer.normalize(buf, buf.length)), sb, ascii);
                break;
            }
            case "stem":
                text(stemWords(text), sb, ascii);
                break;
            case "lowercase":
                text(keyword(text, false), sb, ascii);
                break;
            case "digits":
                text(keyword(text, true), sb, ascii);
                break;
            default:
                throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    private String stemWords(String text) {
        StringBuilder out = new StringBuilder();
        for (String word : text.split("[ \t\n\u000B\f\r]+", -1)) {
            if (word.isEmpty()) {
                continue;
            }
            char[] buf = word.toCharArray();
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(buf, 0, stemmer.stem(buf, buf.length));
        }
        return out.toString();
    }

    private static String keyword(String text, boolean digits) throws IOException {
        if (text.isEmpty()) {
            return text;
        }
        Tokenizer tokenizer = new KeywordTokenizer();
        tokenizer.setReader(new StringReader(text));
        TokenStream ts = digits ? new DecimalDigitFilter(tokenizer) : new LowerCaseFilter(tokenizer);
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        StringBuilder out = new StringBuilder();
        ts.reset();
        while (ts.incrementToken()) {
            out.append(term);
        }
        ts.end();
        ts.close();
        return out.toString();
    }

    private static void terms(TokenStream ts, StringBuilder sb, boolean ascii) throws IOException {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        StringBuilder line = ascii ? new StringBuilder() : sb;
        ts.reset();
        boolean first = true;
        while (ts.incrementToken()) {
            if (!first) {
                line.append(' ');
            }
            line.append(term);
            first = false;
        }
        ts.end();
        ts.close();
        if (ascii) {
            quote(line, sb, true);
        }
    }

    private static void json(TokenStream ts, StringBuilder sb, boolean ascii) throws IOException {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
        TypeAttribute type = ts.addAttribute(TypeAttribute.class);
        PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
        ts.reset();
        sb.append("{\"tokens\":[");
        int position = -1;
        boolean first = true;
        while (ts.incrementToken()) {
            position += increment.getPositionIncrement();
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append("{\"token\":");
            quote(term, sb, ascii);
            sb.append(",\"start_offset\":").append(offset.startOffset());
            sb.append(",\"end_offset\":").append(offset.endOffset());
            sb.append(",\"type\":");
            quote(type.type(), sb, ascii);
            sb.append(",\"position\":").append(position).append('}');
        }
        sb.append("]}");
        ts.end();
        ts.close();
    }

    private static void text(String value, StringBuilder sb, boolean ascii) {
        if (ascii) {
            quote(value, sb, true);
        } else {
            sb.append(value);
        }
    }

    /** A JSON string, escaped as Python's json.dumps escapes it (all non-ASCII too if ascii). */
    private static void quote(CharSequence s, StringBuilder sb, boolean ascii) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20 || (ascii && c > 0x7E)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    /** The string of a JSON string literal starting at {@code at} (as Python's json.dumps writes one). */
    private static String parseJsonString(String line, int at) {
        StringBuilder out = new StringBuilder();
        int i = at + 1;
        while (true) {
            char c = line.charAt(i++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = line.charAt(i++);
            switch (e) {
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'u':
                    out.append((char) Integer.parseInt(line.substring(i, i + 4), 16));
                    i += 4;
                    break;
                default: out.append(e);
            }
        }
    }
}
