import ts from 'typescript';

/** Attributes whose value a person reads or hears. */
const READ_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'aria-roledescription']);
/** A word: two letters in a row (a lone "×" or "k" key hint is not a sentence to translate). */
const WORD = /\p{L}{2}/u;

export interface UntranslatedString {
  line: number;
  text: string;
}

/** Literal words in a component's JSX: text, read attributes, and string branches rendered inside `{…}`. */
export function untranslatedStrings(fileName: string, source: string): UntranslatedString[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: UntranslatedString[] = [];
  const report = (node: ts.Node, text: string) => {
    const trimmed = text.replace(/\s+/g, ' ').trim();
    if (WORD.test(trimmed)) found.push({ line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: trimmed });
  };
  // The literal strings an expression may render: itself, or either branch of a ?:, ||, ?? or &&.
  const literalBranches = (e: ts.Expression): ts.Node[] => {
    if (ts.isParenthesizedExpression(e)) return literalBranches(e.expression);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e];
    if (ts.isTemplateExpression(e)) return [e.head, ...e.templateSpans.map((s) => s.literal)];
    if (ts.isConditionalExpression(e)) return [...literalBranches(e.whenTrue), ...literalBranches(e.whenFalse)];
    if (
      ts.isBinaryExpression(e) &&
      [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(e.operatorToken.kind)
    )
      return [...(e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ? [] : literalBranches(e.left)), ...literalBranches(e.right)];
    return [];
  };
  const reportExpression = (e: ts.Expression) => {
    for (const lit of literalBranches(e)) report(lit, (lit as ts.LiteralLikeNode).text);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      // A key's name in <kbd> is what is printed on the key, not a sentence.
      if (!(ts.isJsxElement(node.parent) && node.parent.openingElement.tagName.getText(file) === 'kbd')) report(node, node.text);
    } else if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) reportExpression(node.expression);
    else if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(file)) && node.initializer) {
      if (ts.isStringLiteral(node.initializer)) report(node.initializer, node.initializer.text);
      else if (ts.isJsxExpression(node.initializer) && node.initializer.expression) reportExpression(node.initializer.expression);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
