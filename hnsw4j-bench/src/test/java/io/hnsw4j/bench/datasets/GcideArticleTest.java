package io.hnsw4j.bench.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** GCIDE articles into one-line definitions, on articles written in the dictionary's layout. */
class GcideArticleTest {
  @Test
  void sensesAndPhrasesKeepTheirTextAndDropQuotationsNotesAndSynonyms() {
    assertEquals(
        GcideFixture.LANTERN_DEFINITIONS,
        GcideArticle.definitions(GcideFixture.LANTERN));
  }

  @Test
  void aTwoLineEtymologyStaysInTheHeaderAndCitationsGo() {
    assertEquals(
        List.of(GcideFixture.GLIMMER_DEFINITION),
        GcideArticle.definitions(GcideFixture.GLIMMER));
  }

  @Test
  void aPluralOnTheSecondLineStaysInTheHeaderAndDerivedFormsGo() {
    assertEquals(
        List.of(GcideFixture.NEBULA_DEFINITION),
        GcideArticle.definitions(GcideFixture.NEBULA));
  }

  @Test
  void lowerCaseDefinitionsWithoutSenseNumbers() {
    assertEquals(
        List.of(GcideFixture.WEB_BROWSER_DEFINITION),
        GcideArticle.definitions(GcideFixture.WEB_BROWSER));
  }

  @Test
  void aDefinitionWithUnknownMarkupIsDroppedNotGarbled() {
    assertEquals(
        List.of(GcideFixture.ODD_DEFINITION),
        GcideArticle.definitions(GcideFixture.ODD));
  }

  @Test
  void escapesBecomeLettersAndLabelsGo() {
    assertEquals("Haematite", GcideArticle.clean("H[ae]matite"));
    assertEquals("naive resume", GcideArticle.clean("na[\"i]ve r['e]sum[`e]"));
    assertEquals("\u03b1 rays", GcideArticle.clean("[alpha] rays"));
    assertEquals("An old word.", GcideArticle.clean("An old word. [Obs.]"));
    assertEquals("Cut here.", GcideArticle.clean("Cut here. [1913 Webster] Stray words"));
    assertEquals("a, b; c.", GcideArticle.clean("  a ,\n   b ;  {c} .  "));
    assertEquals("Glimmer", GcideArticle.headword("Glimmer \\Glim\"mer\\, v. i."));
    assertEquals("Dog days", GcideArticle.headword("Dog days"));
  }

  @Test
  void anArticleOfOnlyAHeaderHasNoDefinitions() {
    assertEquals(List.of(), GcideArticle.definitions("Gone \\Gone\\, p. p. of {Go}."));
    assertEquals(List.of(), GcideArticle.definitions(""));
  }
}
