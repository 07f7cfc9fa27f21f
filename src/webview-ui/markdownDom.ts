/**
 * Turns the safe Markdown tree into DOM nodes (textContent only; links go through the host).
 * Where a list of blocks or inlines holds raw HTML, the HTML and the Markdown-rendered nodes
 * between it go through the sanitizer together (htmlSanitize.ts), so that Markdown inside
 * `<details>` lands inside the details element.
 */
import type { Host } from './dom';
import { hostLink } from './hostLink';
import { imageNode, sanitizeHtml } from './htmlSanitize';
import { parseMarkdown, type Block, type Inline } from './markdown';

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function inlineNodes(nodes: readonly Inline[], host: Host): Node[] {
  if (nodes.some((node) => node.t === 'html')) {
    return sanitizeHtml(
      nodes.map((node) => (node.t === 'html' ? node.html : node.t === 'text' ? escapeText(node.text) : inlineNodes([node], host))),
      host,
    );
  }
  return nodes.map((node): Node => {
    switch (node.t) {
      case 'text':
        return document.createTextNode(node.text);
      case 'code': {
        const code = document.createElement('code');
        code.textContent = node.text;
        return code;
      }
      case 'strong':
      case 'em': {
        const element = document.createElement(node.t);
        element.append(...inlineNodes(node.children, host));
        return element;
      }
      case 'link':
        return hostLink(node.href, inlineNodes(node.children, host), host);
      case 'br':
        return document.createElement('br');
      case 'image':
        return imageNode(node.src, node.alt) ?? document.createTextNode('');
      case 'html': // handled above
        return document.createTextNode('');
    }
  });
}

function blockNode(block: Block, host: Host): Node {
  switch (block.t) {
    case 'heading': {
      // Summary headings sit below the panel's own h2/h3.
      const element = document.createElement(`h${Math.min(6, block.level + 2)}` as 'h3');
      element.append(...inlineNodes(block.children, host));
      return element;
    }
    case 'paragraph': {
      const element = document.createElement('p');
      element.append(...inlineNodes(block.children, host));
      return element;
    }
    case 'list': {
      const element = document.createElement(block.ordered ? 'ol' : 'ul');
      for (const item of block.items) {
        const li = document.createElement('li');
        li.append(...inlineNodes(item, host));
        element.append(li);
      }
      return element;
    }
    case 'code': {
      const pre = document.createElement('pre');
      const code = document.createElement('code');
      code.textContent = block.text;
      pre.append(code);
      return pre;
    }
    case 'quote': {
      const element = document.createElement('blockquote');
      element.append(...blockNodes(block.children, host));
      return element;
    }
    case 'html': {
      const fragment = document.createDocumentFragment();
      fragment.append(...sanitizeHtml([block.html], host));
      return fragment;
    }
    case 'rule':
      return document.createElement('hr');
    case 'table': {
      const table = document.createElement('table');
      const row = (cells: readonly (readonly Inline[])[], tag: 'th' | 'td'): HTMLTableRowElement => {
        const tr = document.createElement('tr');
        cells.forEach((cell, index) => {
          const element = document.createElement(tag);
          const align = block.align[index];
          if (align !== undefined) element.style.textAlign = align;
          element.append(...inlineNodes(cell, host));
          tr.append(element);
        });
        return tr;
      };
      const head = document.createElement('thead');
      head.append(row(block.header, 'th'));
      const body = document.createElement('tbody');
      body.append(...block.rows.map((cells) => row(cells, 'td')));
      table.append(head, body);
      return table;
    }
  }
}

function blockNodes(blocks: readonly Block[], host: Host): Node[] {
  if (!blocks.some((block) => block.t === 'html')) return blocks.map((block) => blockNode(block, host));
  return sanitizeHtml(
    blocks.map((block) => (block.t === 'html' ? block.html : [blockNode(block, host)])),
    host,
  );
}

export function renderMarkdown(source: string, host: Host): HTMLElement {
  const container = document.createElement('div');
  container.className = 'markdown';
  container.append(...blockNodes(parseMarkdown(source), host));
  return container;
}
