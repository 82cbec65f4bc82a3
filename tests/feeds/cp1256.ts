// A windows-1256 encoder for tests, from a hand-written table: independent of the TextDecoder
// that the code under test uses, so a decoding bug cannot hide behind a matching encoding bug.

// windows-1256 code points of the Arabic letters (from the Microsoft code page chart).
const CP1256: Record<string, number> = {
  ء: 0xc1,
  آ: 0xc2,
  أ: 0xc3,
  ؤ: 0xc4,
  إ: 0xc5,
  ئ: 0xc6,
  ا: 0xc7,
  ب: 0xc8,
  ة: 0xc9,
  ت: 0xca,
  ث: 0xcb,
  ج: 0xcc,
  ح: 0xcd,
  خ: 0xce,
  د: 0xcf,
  ذ: 0xd0,
  ر: 0xd1,
  ز: 0xd2,
  س: 0xd3,
  ش: 0xd4,
  ص: 0xd5,
  ض: 0xd6,
  ط: 0xd8,
  ظ: 0xd9,
  ع: 0xda,
  غ: 0xdb,
  ف: 0xdd,
  ق: 0xde,
  ك: 0xdf,
  ل: 0xe1,
  م: 0xe3,
  ن: 0xe4,
  ه: 0xe5,
  و: 0xe6,
  ى: 0xec,
  ي: 0xed,
  '،': 0xa1,
  '؟': 0xbf,
};

export function cp1256(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const code = ch.codePointAt(0)!;
      if (code < 0x80) return code;
      const b = CP1256[ch];
      if (b === undefined) throw new Error(`no windows-1256 byte for ${ch}`);
      return b;
    }),
  );
}
