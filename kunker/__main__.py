from kunker.cli import main

main()
