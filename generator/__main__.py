from generator.frontends.cli import main

main()
