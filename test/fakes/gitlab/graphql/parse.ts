/**
 * A small GraphQL reader for the fake GitLab: the executable subset the provider sends and tests
 * write (one operation, variable definitions, aliases, arguments with variables, strings, numbers,
 * booleans, null, enums and lists, nested selections; no fragments or directives, which it rejects
 * as a syntax error like a real server would for what it cannot read).
 */

export type Value = string | number | boolean | null | { readonly variable: string } | { readonly enum: string } | readonly Value[];

export interface Field {
  readonly alias: string;
  readonly name: string;
  readonly args: Readonly<Record<string, Value>>;
  readonly selections: readonly Field[] | undefined;
}

export class GraphQLSyntaxError extends Error {}

const TOKEN = /\s+|,|#[^\n]*|(\.\.\.|[{}()[\]:$!=@])|("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?)|([_A-Za-z][_0-9A-Za-z]*)/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(source);
    if (match === null) {
      throw new GraphQLSyntaxError(`Parse error on "${source.slice(at, at + 10)}"`);
    }
    const token = match[1] ?? match[2] ?? match[3] ?? match[4];
    if (token !== undefined) {
      tokens.push(token);
    }
  }
  return tokens;
}

class Reader {
  private index = 0;
  constructor(private readonly tokens: readonly string[]) {}

  peek(): string | undefined {
    return this.tokens[this.index];
  }

  next(): string {
    const token = this.tokens[this.index++];
    if (token === undefined) {
      throw new GraphQLSyntaxError('Unexpected end of document');
    }
    return token;
  }

  expect(token: string): void {
    const got = this.next();
    if (got !== token) {
      throw new GraphQLSyntaxError(`Expected ${token}, got ${got}`);
    }
  }

  name(): string {
    const token = this.next();
    if (!/^[_A-Za-z]/.test(token)) {
      throw new GraphQLSyntaxError(`Expected a name, got ${token}`);
    }
    return token;
  }

  done(): boolean {
    return this.index >= this.tokens.length;
  }
}

function readType(reader: Reader): void {
  if (reader.peek() === '[') {
    reader.next();
    readType(reader);
    reader.expect(']');
  } else {
    reader.name();
  }
  if (reader.peek() === '!') {
    reader.next();
  }
}

function readValue(reader: Reader): Value {
  const token = reader.next();
  if (token === '$') {
    return { variable: reader.name() };
  }
  if (token === '[') {
    const items: Value[] = [];
    while (reader.peek() !== ']') {
      items.push(readValue(reader));
    }
    reader.next();
    return items;
  }
  if (token.startsWith('"')) {
    return JSON.parse(token) as string;
  }
  if (/^-?\d/.test(token)) {
    return Number(token);
  }
  if (token === 'true' || token === 'false') {
    return token === 'true';
  }
  if (token === 'null') {
    return null;
  }
  if (/^[_A-Za-z]/.test(token)) {
    return { enum: token };
  }
  throw new GraphQLSyntaxError(`Unexpected ${token}`);
}

function readSelections(reader: Reader): Field[] {
  reader.expect('{');
  const fields: Field[] = [];
  while (reader.peek() !== '}') {
    if (reader.peek() === '...' || reader.peek() === '@') {
      throw new GraphQLSyntaxError('Fragments and directives are not supported by this fake');
    }
    let name = reader.name();
    const alias = name;
    if (reader.peek() === ':') {
      reader.next();
      name = reader.name();
    }
    const args: Record<string, Value> = {};
    if (reader.peek() === '(') {
      reader.next();
      while (reader.peek() !== ')') {
        const arg = reader.name();
        reader.expect(':');
        args[arg] = readValue(reader);
      }
      reader.next();
    }
    fields.push({ alias, name, args, selections: reader.peek() === '{' ? readSelections(reader) : undefined });
  }
  reader.next();
  return fields;
}

/** The top-level fields of the document's single query operation. */
export function parseQuery(source: string): Field[] {
  const reader = new Reader(tokenize(source));
  if (reader.peek() === 'query') {
    reader.next();
    if (reader.peek() !== '(' && reader.peek() !== '{') {
      reader.name();
    }
    if (reader.peek() === '(') {
      reader.next();
      while (reader.peek() !== ')') {
        reader.expect('$');
        reader.name();
        reader.expect(':');
        readType(reader);
        if (reader.peek() === '=') {
          reader.next();
          readValue(reader);
        }
      }
      reader.next();
    }
  } else if (reader.peek() === 'mutation' || reader.peek() === 'subscription') {
    throw new GraphQLSyntaxError('Only queries are supported by this fake');
  }
  const fields = readSelections(reader);
  if (!reader.done()) {
    throw new GraphQLSyntaxError(`Unexpected ${reader.next()} after the operation`);
  }
  return fields;
}
