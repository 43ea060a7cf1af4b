import { Text, View } from '@react-pdf/renderer';
import { FONT_FAMILY } from './fonts';
import { mmToPt, type PaperSettings } from './paper';

/** A large, pale, slanted word across the page ("BẢN NHÁP", "ĐÃ HỦY") that no one can mistake for a valid bill. */
export function Watermark({ text, paper }: { text: string; paper: PaperSettings }) {
  const width = mmToPt(paper.widthMm);
  const height = mmToPt(paper.heightMm);
  // Sized to fit on one line across the page: a bold capital is about 0.7 em wide.
  const fontSize = Math.min((width * 0.85) / (text.length * 0.7), height / 6);
  return (
    <View
      fixed
      style={{
        position: 'absolute',
        top: height / 2 - fontSize,
        left: 0,
        width,
        height: fontSize * 2,
        alignItems: 'center',
        justifyContent: 'center',
      }}
    >
      <Text
        style={{
          fontFamily: FONT_FAMILY,
          fontWeight: 'bold',
          fontSize,
          lineHeight: 1.2,
          color: '#c62828',
          opacity: 0.18,
          transform: 'rotate(-28deg)',
        }}
      >
        {text}
      </Text>
    </View>
  );
}
