package org.probelab.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected outputs are worked out by hand from BERT's reference basic tokenization. */
class BasicTokenizerTest {
    private static final List<String> SPECIAL = List.of("[CLS]", "[SEP]", "[MASK]", "[PAD]", "[UNK]");
    private final BasicTokenizer uncased = new BasicTokenizer(true, SPECIAL);
    private final BasicTokenizer cased = new BasicTokenizer(false, SPECIAL);

    @Test
    void uncasedLowerCasesAndStripsAccentsComposedOrDecomposed() {
        assertEquals(List.of("hello", "world", "cafe", "naive"), uncased.tokenize("Héllo WÖRLD Café nai\u0308ve"));
    }

    @Test
    void uncasedLowerCasingDoesNotDependOnTheDefaultLocale() {
        // İ lower-cases to i + combining dot above, and the dot is stripped as an accent
        assertEquals(List.of("istanbul", "strasse"), uncased.tokenize("İstanbul STRASSE"));
    }

    @Test
    void casedKeepsCaseAndAccentsButStillSplitsPunctuation() {
        assertEquals(List.of("Héllo", ",", "Don", "'", "t"), cased.tokenize("Héllo, Don't"));
    }

    @Test
    void everyPunctuationCharacterOfARunIsItsOwnToken() {
        assertEquals(List.of("wait", ".", ".", ".", "what", "?", "!", "\"", ")"), uncased.tokenize("Wait...what?!\")"));
    }

    @Test
    void apostrophesStraightAndCurlySplitContractions() {
        assertEquals(List.of("don", "'", "t", "can", "\u2019", "t"), uncased.tokenize("don't can\u2019t"));
    }

    @Test
    void hyphensAndDashesSplitWords() {
        assertEquals(List.of("state", "-", "of", "-", "the", "-", "art", "1990", "\u2013", "2000"),
                uncased.tokenize("state-of-the-art 1990\u20132000"));
    }

    @Test
    void numberSeparatorsAndAllAsciiSymbolsArePunctuation() {
        assertEquals(List.of("1", ",", "000", ".", "50", "$", "3", "a", "+", "b", "=", "c", "^", "`", "|", "~", "<", ">"),
                uncased.tokenize("1,000.50 $3 a+b=c ^`|~<>"));
    }

    @Test
    void nonAsciiSymbolsThatAreNotPunctuationStayInTheWord() {
        // € is a currency symbol (Sc), not punctuation; only ASCII symbols are split regardless of category
        assertEquals(List.of("5€", "©2024"), uncased.tokenize("5€ ©2024"));
    }

    @Test
    void cjkIdeographsBecomeSingleTokensAmidLatin() {
        assertEquals(List.of("中", "文", "english", "混", "合"), uncased.tokenize("中文English混合"));
    }

    @Test
    void supplementaryCjkIdeographIsIsolatedWhole() {
        assertEquals(List.of("x", "\uD840\uDC00", "y"), uncased.tokenize("x\uD840\uDC00y"));
    }

    @Test
    void kanaIsNotIsolatedButHangulIsDecomposedWhenUncased() {
        assertEquals(List.of("テスト"), cased.tokenize("テスト"));
        // NFD splits Hangul syllables into conjoining jamo, which are letters and survive accent stripping
        assertEquals(List.of("\u1112\u1161\u11AB\u1100\u116E\u11A8\u110B\u1165"), uncased.tokenize("한국어"));
    }

    @Test
    void emojiStayWholeAndAttachedToLetters() {
        String grin = "\uD83D\uDE00";
        String thumbMediumSkin = "\uD83D\uDC4D\uD83C\uDFFD";
        assertEquals(List.of("hi" + grin + "there", thumbMediumSkin, "!"),
                uncased.tokenize("hi" + grin + "there " + thumbMediumSkin + "!"));
    }

    @Test
    void supplementaryPunctuationIsSplitAsOneCodePoint() {
        String aegeanWordSeparator = "\uD800\uDD00";
        assertEquals(List.of("a", aegeanWordSeparator, "b"), uncased.tokenize("a" + aegeanWordSeparator + "b"));
    }

    @Test
    void controlFormatAndReplacementCharactersAreDeletedWithoutSplitting() {
        assertEquals(List.of("zerowidth", "abcd", "cooperate"),
                uncased.tokenize("zero\u200Bwidth a\u0000b\uFFFDc\u0007d co\u00ADoperate\uFEFF"));
    }

    @Test
    void loneSurrogateIsDeleted() {
        assertEquals(List.of("ab"), uncased.tokenize("a\uD800b"));
    }

    @Test
    void tabNewlineAndUnicodeSpacesSeparateWords() {
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h"),
                uncased.tokenize(" a\tb\nc\r\nd\u00A0e\u2003f\u3000g\u2028h\u202F"));
    }

    @Test
    void textWithoutVisibleCharactersHasNoTokens() {
        assertEquals(List.of(), uncased.tokenize(""));
        assertEquals(List.of(), uncased.tokenize(" \t\n\u00A0"));
        assertEquals(List.of(), uncased.tokenize("\u200B\u0000"));
    }

    @Test
    void loneCombiningMarkVanishesOnlyWhenUncased() {
        assertEquals(List.of(), uncased.tokenize("\u0301"));
        assertEquals(List.of("\u0301"), cased.tokenize("\u0301"));
    }

    @Test
    void specialTokensStayWholeAndUpperCaseEvenWhenGluedToText() {
        assertEquals(List.of("[CLS]", "paris", "is", "[MASK]", ".", "[SEP]", "x", "[PAD]", "y"),
                uncased.tokenize("[CLS] Paris is [MASK]. [SEP]x[PAD]y"));
    }

    @Test
    void specialTokensMatchOnlyInTheirExactSpelling() {
        assertEquals(List.of("[", "mask", "]", "[", "cls"), uncased.tokenize("[mask] [CLS"));
    }

    @Test
    void veryLongWordIsOneBasicToken() {
        String word = "a".repeat(500);
        assertEquals(List.of(word), uncased.tokenize("  " + word + " "));
    }
}
