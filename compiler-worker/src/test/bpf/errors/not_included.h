struct lonely { int x; };
