x = """
  multi
  line
""" + '''x'''
