// The web app runs in a browser: its files see the DOM's types (the rest of the project is typed for Node).
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
