import { describe, expect, it } from "vitest";
import { fold } from "./fold";

describe("fold (search keys)", () => {
  it("ignores case, accents, apostrophe styles and compatibility forms", () => {
    expect(fold("Genève")).toBe(fold("GENEVE"));
    expect(fold("Université de Tsinghua")).toBe("universite de tsinghua");
    expect(fold("l’Union")).toBe("l'union");
    expect(fold("Tromsø Łódź Straße Æsir")).toBe("tromso lodz strasse aesir");
    expect(fold("ＡＢＣ ﬁ")).toBe("abc fi");
  });

  it("drops optional diacritics (Arabic harakat and tatweel, Hebrew points)", () => {
    expect(fold("عبّارات")).toBe(fold("عبارات"));
    expect(fold("هـادئة")).toBe(fold("هادئة"));
    expect(fold("שָׁלוֹם")).toBe("שלום");
  });

  it("keeps marks that change the letter (Devanagari vowel signs, Japanese voicing) and leaves CJK alone", () => {
    expect(fold("हिंदी")).toBe("हिंदी");
    expect(fold("が")).not.toBe(fold("か"));
    expect(fold("中国")).toBe("中国");
  });
});
